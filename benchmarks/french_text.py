"""Vocabulary and sentence banks for the synthetic corpus.

The sentences are written in the register of the real guides (short, practical,
addressed to elected officials and municipal staff). Placeholders:
``{objet}`` (« la salle des fêtes »), ``{de_objet}`` (« de la salle des fêtes »),
``{seuil_*}`` and ``{chiffre_*}`` (replaced by macro calls). Nothing here is a
legal figure: amounts only ever appear through ``{{ seuil('…') }}``.
"""

from __future__ import annotations

# (nominative with article, genitive form)
OBJECTS: dict[str, list[tuple[str, str]]] = {
    "amenagement-batiments": [
        ("la mairie", "de la mairie"),
        ("l'école communale", "de l'école communale"),
        ("la salle des fêtes", "de la salle des fêtes"),
        ("un logement communal", "d'un logement communal"),
        ("la cantine scolaire", "de la cantine scolaire"),
        ("la médiathèque", "de la médiathèque"),
        ("le gymnase intercommunal", "du gymnase intercommunal"),
        ("l'ancien presbytère", "de l'ancien presbytère"),
        ("la maison des associations", "de la maison des associations"),
        ("les vestiaires du stade", "des vestiaires du stade"),
        ("la place du village", "de la place du village"),
        ("les abords de l'église", "des abords de l'église"),
        ("le parvis de la mairie", "du parvis de la mairie"),
        ("un jardin public", "d'un jardin public"),
        ("la halle du marché", "de la halle du marché"),
        ("l'atelier technique municipal", "de l'atelier technique municipal"),
    ],
    "voirie-infrastructures": [
        ("la traverse du bourg", "de la traverse du bourg"),
        ("le pont communal", "du pont communal"),
        ("la voirie communale", "de la voirie communale"),
        ("un cheminement piéton", "d'un cheminement piéton"),
        ("les abords de l'école", "des abords de l'école"),
        ("les ouvrages d'art", "des ouvrages d'art"),
        ("l'éclairage public", "de l'éclairage public"),
        ("une aire de covoiturage", "d'une aire de covoiturage"),
        ("un carrefour dangereux", "d'un carrefour dangereux"),
        ("les chemins ruraux", "des chemins ruraux"),
        ("un mur de soutènement", "d'un mur de soutènement"),
        ("le parking de la salle des fêtes", "du parking de la salle des fêtes"),
        ("une voie verte", "d'une voie verte"),
        ("les fossés et accotements", "des fossés et accotements"),
    ],
    "eau-assainissement": [
        ("la station d'épuration", "de la station d'épuration"),
        ("les eaux pluviales du bourg", "des eaux pluviales du bourg"),
        ("les sols agricoles en pente", "des sols agricoles en pente"),
        ("le réseau d'eau potable", "du réseau d'eau potable"),
        ("l'assainissement non collectif", "de l'assainissement non collectif"),
        ("un cours d'eau communal", "d'un cours d'eau communal"),
        ("un captage d'eau potable", "d'un captage d'eau potable"),
        ("une zone d'expansion des crues", "d'une zone d'expansion des crues"),
        ("le réseau d'assainissement collectif", "du réseau d'assainissement collectif"),
        ("une lagune d'épuration", "d'une lagune d'épuration"),
        ("les haies et bandes enherbées", "des haies et bandes enherbées"),
        ("un lac collinaire", "d'un lac collinaire"),
    ],
    "commande-publique": [
        ("un marché de travaux", "d'un marché de travaux"),
        ("un marché de maîtrise d'œuvre", "d'un marché de maîtrise d'œuvre"),
        ("un accord-cadre à bons de commande", "d'un accord-cadre à bons de commande"),
        ("un marché de fournitures", "d'un marché de fournitures"),
        ("un marché de services d'entretien", "d'un marché de services d'entretien"),
        ("un groupement de commandes", "d'un groupement de commandes"),
        ("un marché de restauration scolaire", "d'un marché de restauration scolaire"),
        ("un marché d'assurance", "d'un marché d'assurance"),
        ("un marché d'études", "d'un marché d'études"),
    ],
}
OBJECTS["sobriete-fonciere-energetique"] = OBJECTS["amenagement-batiments"][:8]
OBJECTS["ressource-en-eau"] = OBJECTS["eau-assainissement"][:8]
OBJECTS["recyclage-reemploi"] = OBJECTS["voirie-infrastructures"][:6] + OBJECTS["amenagement-batiments"][:4]

ACTIONS: dict[str, list[str]] = {
    "amenagement-batiments": ["Réhabiliter", "Rénover", "Agrandir", "Mettre aux normes", "Transformer",
                              "Isoler", "Aménager", "Rendre accessible", "Entretenir"],
    "voirie-infrastructures": ["Aménager", "Sécuriser", "Réfectionner", "Entretenir", "Créer",
                               "Renforcer", "Réorganiser", "Inspecter"],
    "eau-assainissement": ["Réhabiliter", "Gérer", "Protéger", "Renouveler", "Suivre", "Restaurer",
                           "Diagnostiquer", "Moderniser"],
    "commande-publique": ["Préparer", "Passer", "Suivre", "Sécuriser", "Attribuer", "Évaluer",
                          "Mutualiser", "Clore"],
}
ACTIONS["sobriete-fonciere-energetique"] = ["Rénover", "Isoler", "Réutiliser", "Densifier"]
ACTIONS["ressource-en-eau"] = ["Protéger", "Économiser", "Gérer", "Restaurer"]
ACTIONS["recyclage-reemploi"] = ["Réemployer les matériaux pour", "Recycler les déblais pour", "Déconstruire"]

QUALIFIERS = [
    "", "dans une petite commune", "en centre-bourg", "avec un budget contraint", "en site occupé",
    "en zone inondable", "près d'un monument historique", "à l'échelle intercommunale",
    "avec un maître d'œuvre", "en régie ou par un prestataire", "pas à pas", "en milieu rural",
    "avec l'appui du Département", "sans se tromper de procédure", "en limitant les nuisances",
    "en associant les habitants", "en plusieurs tranches", "avec des entreprises locales",
]

PHASE_TITLES: dict[str, list[str]] = {
    "besoins": ["Préciser le besoin et les usages", "Décrire ce que le projet doit permettre",
                "Rassembler les informations existantes", "Interroger les usagers"],
    "faisabilite-technique": ["Faire réaliser un diagnostic", "Étudier les solutions techniques",
                              "Vérifier l'état {de_objet}", "Comparer plusieurs scénarios"],
    "faisabilite-juridique": ["Vérifier les règles qui s'appliquent", "Identifier les autorisations nécessaires",
                              "Faire le point sur la propriété et les servitudes"],
    "faisabilite-financiere": ["Estimer le coût global", "Chercher des financements",
                               "Établir un plan de financement", "Raisonner en coût global"],
    "montage": ["Choisir le mode de réalisation", "Rédiger le programme", "Désigner un maître d'œuvre",
                "Organiser le pilotage du projet"],
    "passation": ["Consulter les entreprises", "Choisir la procédure de marché", "Analyser les offres",
                  "Attribuer le marché"],
    "execution": ["Suivre le chantier", "Réceptionner les travaux", "Gérer les imprévus",
                  "Contrôler l'exécution du marché"],
    "suivi": ["Suivre le fonctionnement", "Entretenir et évaluer", "Tirer les leçons du projet",
              "Suivre les consommations"],
}

PHASE_SENTENCES: dict[str, list[str]] = {
    "besoins": [
        "Avant de parler travaux, décrivez ce que {objet} doit permettre de faire, aujourd'hui et dans dix ans.",
        "Interrogez les utilisateurs actuels : ils connaissent mieux que quiconque les défauts {de_objet}.",
        "Rassemblez tout ce que la collectivité possède déjà : plans, anciens diagnostics, factures, contrats d'entretien.",
        "Demandez-vous ce qui se passerait si l'on ne faisait rien : c'est souvent la meilleure façon de mesurer l'urgence.",
        "Un besoin bien décrit évite de payer des études inutiles et de changer d'avis en cours de route.",
        "Associez dès le départ les élus concernés, le secrétariat de mairie et, si possible, les habitants.",
        "Notez les contraintes connues : calendrier scolaire, saison touristique, période de récolte, manifestations.",
        "Le projet peut-il être partagé avec une commune voisine ou porté par l'intercommunalité ?",
        "Écrivez le besoin en quelques lignes simples : ce texte servira à toutes les étapes suivantes.",
        "Dans le Gers, qui compte {chiffre_communes} communes, la mutualisation entre collectivités est souvent une bonne piste.",
    ],
    "faisabilite-technique": [
        "Un diagnostic sérieux évite les mauvaises surprises en cours de chantier.",
        "Faites vérifier l'état {de_objet} par un bureau d'études ou un technicien compétent.",
        "Comparez au moins deux scénarios : entretien renforcé, rénovation partielle, reconstruction.",
        "Les résultats du diagnostic doivent être annexés au dossier de consultation des entreprises.",
        "La Mission Ingénierie des Territoires peut vous aider à définir le contenu des études et à les commander.",
        "Pensez dès ce stade au réemploi des matériaux en place : pierres, tuiles, bordures, enrobés.",
        "Une visite sur place avec les services techniques permet souvent de lever les premières questions.",
        "Pour un ouvrage ancien, un repérage de l'amiante et du plomb avant travaux est souvent obligatoire.",
        "Les réseaux enterrés doivent être repérés avant toute intervention, avec une déclaration préalable.",
        "Gardez une trace écrite des hypothèses retenues : elles guideront la conception.",
    ],
    "faisabilite-juridique": [
        "Consultez le document d'urbanisme de la commune, plan local d'urbanisme ou carte communale.",
        "Selon les travaux, un permis de construire, une déclaration préalable ou une autorisation au titre de la loi sur l'eau sera nécessaire.",
        "Près d'un monument historique, l'avis de l'architecte des Bâtiments de France est requis.",
        "Vérifiez que la collectivité est bien propriétaire du terrain ou qu'elle dispose d'une convention.",
        "Les servitudes, les baux en cours et les conventions d'occupation doivent être recensés.",
        "Si l'équipement accueille du public, les règles d'accessibilité et de sécurité incendie s'appliquent.",
        "La MIT peut vous aider à faire le point sur ces questions avant d'engager des études coûteuses.",
        "Vérifiez aussi qui est compétent : la commune ou l'intercommunalité, selon les statuts.",
    ],
    "faisabilite-financiere": [
        "Le budget ne se limite pas aux travaux : prévoyez les études, les honoraires, les assurances et une réserve pour imprévus.",
        "Raisonnez en coût global : un investissement un peu plus élevé peut réduire fortement les dépenses des années suivantes.",
        "Recensez les financeurs possibles : État, Région, Département, agence de l'eau, fonds européens.",
        "Déposez les demandes de subvention avant de commencer les travaux : un démarrage anticipé peut faire perdre l'aide.",
        "Établissez un plan de financement et faites-le valider par l'assemblée délibérante.",
        "Prévoyez les frais de fonctionnement et d'entretien dans le budget des années suivantes.",
        "Un phasage en plusieurs tranches permet parfois d'étaler la dépense, sans découper artificiellement le besoin.",
        "Le Département accompagne {chiffre_intercommunalites} des intercommunalités gersoises : renseignez-vous sur les aides mobilisables.",
    ],
    "montage": [
        "Le programme décrit ce que la collectivité attend : besoins, contraintes, objectifs et enveloppe financière.",
        "Choisissez entre une réalisation en régie, un marché de travaux simple ou une opération avec maîtrise d'œuvre.",
        "Le maître d'œuvre conçoit le projet et suit le chantier : c'est un marché de services.",
        "Si ses honoraires sont estimés en dessous de {seuil_services}, il peut être choisi sans publicité ni mise en concurrence préalables.",
        "Désignez un élu référent et un agent chargé du suivi administratif du dossier.",
        "Le conseil municipal ou communautaire délibère pour lancer l'opération et approuver le plan de financement.",
        "Prévoyez selon l'opération un bureau de contrôle et un coordonnateur sécurité et protection de la santé.",
        "Un calendrier réaliste tient compte des délais d'instruction des autorisations et des subventions.",
    ],
    "passation": [
        "Estimez la valeur de l'ensemble des lots pour choisir la procédure, toujours hors taxes.",
        "En dessous de {seuil_travaux}, des travaux peuvent être confiés sans publicité ni mise en concurrence préalables.",
        "Au-delà, une procédure adaptée est nécessaire, avec une publicité proportionnée au montant.",
        "À partir de {seuil_boamp}, l'avis de marché est publié au BOAMP ou dans un journal d'annonces légales.",
        "Découpez les travaux en lots pour permettre aux entreprises locales de répondre.",
        "Le prix ne peut plus être le seul critère : l'un des critères doit porter sur les caractéristiques environnementales de l'offre.",
        "Rédigez un rapport d'analyse des offres qui justifie la note de chaque candidat.",
        "Informez les candidats non retenus avant de signer le marché.",
        "À partir de {seuil_dce}, les documents de la consultation sont mis gratuitement à disposition sur le profil d'acheteur.",
        "Laissez aux entreprises un délai de réponse suffisant, surtout en période de congés.",
    ],
    "execution": [
        "Désignez un élu référent qui assiste aux réunions de chantier et lit les comptes rendus.",
        "Si des travaux imprévus apparaissent, exigez une proposition écrite et chiffrée avant d'accepter une modification du marché.",
        "Organisez la sécurité des usagers et la continuité du service pendant le chantier.",
        "La réception se fait avec le maître d'œuvre : notez les réserves et suivez leur levée.",
        "Demandez le dossier des ouvrages exécutés : plans, notices, garanties.",
        "Vérifiez les situations de travaux avant de les payer, dans le délai global de paiement.",
        "Tenez un registre des décisions prises en cours de chantier.",
        "Informez régulièrement les riverains des étapes du chantier et des éventuelles coupures.",
    ],
    "suivi": [
        "Relevez les consommations et comparez-les à celles d'avant les travaux.",
        "Tenez un carnet d'entretien et souscrivez les contrats de maintenance utiles.",
        "Pendant les premières années, signalez rapidement tout désordre au titre des garanties.",
        "Faites le bilan du projet avec les utilisateurs au bout d'un an.",
        "Partagez votre retour d'expérience au sein du réseau des collectivités gersoises.",
        "Mettez à jour l'inventaire du patrimoine communal et le plan pluriannuel d'investissement.",
        "Un suivi régulier permet d'anticiper les prochains travaux plutôt que de les subir.",
    ],
}

PHASE_BULLETS: dict[str, list[str]] = {
    "besoins": [
        "qui utilisera {objet}, combien de personnes et à quels moments ?",
        "quelles activités doivent être accueillies, aujourd'hui et demain ?",
        "quels dysfonctionnements sont constatés : froid, humidité, insécurité, usure ?",
        "quelles contraintes de calendrier faut-il respecter ?",
        "le besoin peut-il être mutualisé avec une autre collectivité ?",
        "quelles attentes les habitants ont-ils exprimées ?",
    ],
    "faisabilite-technique": [
        "la structure et l'état général {de_objet} ;",
        "la performance énergétique et les consommations ;",
        "la présence d'amiante, de plomb ou de pollution des sols ;",
        "l'accessibilité aux personnes handicapées ;",
        "les réseaux existants : eau, électricité, assainissement, télécommunications ;",
        "les matériaux qui pourraient être conservés ou réemployés.",
    ],
    "faisabilite-juridique": [
        "**urbanisme** : permis de construire ou déclaration préalable selon les travaux ;",
        "**patrimoine** : avis de l'architecte des Bâtiments de France en abords de monument ;",
        "**environnement** : déclaration ou autorisation au titre de la loi sur l'eau ;",
        "**propriété** : titres, servitudes et conventions d'occupation ;",
        "**compétence** : commune ou intercommunalité selon les statuts.",
    ],
    "faisabilite-financiere": [
        "les études et diagnostics préalables ;",
        "les honoraires de maîtrise d'œuvre et de contrôle ;",
        "les travaux, lot par lot, avec une réserve pour imprévus ;",
        "les assurances, dont la dommages-ouvrage le cas échéant ;",
        "les frais de fonctionnement et d'entretien des années suivantes.",
    ],
    "montage": [
        "rédiger un programme clair, validé par les élus ;",
        "choisir le maître d'œuvre selon une procédure adaptée à ses honoraires ;",
        "prévoir un bureau de contrôle et un coordonnateur SPS ;",
        "fixer un calendrier réaliste, avec des marges ;",
        "faire délibérer l'assemblée sur le lancement de l'opération.",
    ],
    "passation": [
        "rédiger un règlement de la consultation précis ;",
        "annoncer les critères et leur pondération dans les documents de la consultation ;",
        "publier l'avis sur un support adapté au montant ;",
        "analyser les offres et vérifier les offres anormalement basses ;",
        "informer les candidats non retenus avant la signature.",
    ],
    "execution": [
        "tenir des réunions de chantier régulières, avec un compte rendu ;",
        "vérifier les situations de travaux avant paiement ;",
        "formaliser toute modification du marché par écrit ;",
        "organiser la réception et suivre la levée des réserves.",
    ],
    "suivi": [
        "relever les consommations d'énergie et d'eau ;",
        "tenir un carnet d'entretien à jour ;",
        "faire jouer les garanties en cas de désordre ;",
        "dresser un bilan avec les utilisateurs au bout d'un an.",
    ],
}

SUMMARY_SENTENCES = [
    "Ce guide explique comment conduire le projet pas à pas, de la définition du besoin au suivi après travaux.",
    "Un projet réussi commence par une idée claire de l'usage attendu et par un diagnostic complet, avant de choisir les travaux.",
    "Pensez dès le départ aux économies d'énergie, à la gestion de l'eau et au réemploi des matériaux en place.",
    "La Mission Ingénierie des Territoires (MIT) du Département vous accompagne gratuitement à chaque étape.",
    "Les règles de la commande publique s'appliquent dès le premier euro : le guide rappelle les seuils en vigueur.",
    "Les élus y trouvent l'essentiel en quelques lignes, les agents le détail de chaque étape.",
    "Chaque étape renvoie aux modèles de documents utiles et aux retours d'expérience du réseau.",
    "Depuis 2017, {chiffre_communes_accompagnees} des communes gersoises ont fait appel à l'ingénierie territoriale.",
]

ACTORS = [
    ("Mission Ingénierie des Territoires (MIT)",
     ("Service gratuit du Conseil départemental du Gers pour les communes et les intercommunalités : aide à "
      "définir le besoin, analyse de la faisabilité technique, juridique et financière, aide à la passation des "
      "marchés.")),
    ("CAUE du Gers",
     ("Conseil en architecture, urbanisme et environnement : aide à réfléchir au projet en amont, à sa qualité "
      "architecturale et à son insertion dans le paysage.")),
    ("Maître d'œuvre",
     ("Architecte ou bureau d'études : conçoit le projet, estime son coût, prépare le dossier de consultation "
      "des entreprises et dirige le chantier.")),
    ("Bureau de contrôle",
     "Contrôleur technique indépendant : vérifie la solidité de l'ouvrage et la sécurité des personnes."),
    ("Coordonnateur SPS",
     "Organise la prévention des risques lorsque plusieurs entreprises interviennent sur le chantier."),
    ("Bureau d'études spécialisé",
     "Réalise les études techniques et les diagnostics : structure, hydraulique, énergie, géotechnique."),
    ("Services de l'État",
     "Instruisent les autorisations et certaines demandes de subvention, et rappellent la réglementation applicable."),
    ("Agence de l'eau",
     "Peut financer les études et les travaux qui améliorent la qualité de l'eau et des milieux aquatiques."),
    ("Intercommunalité",
     "Exerce certaines compétences à la place des communes et peut porter ou mutualiser le projet."),
    ("Secrétaire de mairie",
     "Prépare les délibérations, suit les marchés et les subventions, conserve les pièces du dossier."),
]

VIGILANCE = [
    "Ne commencez aucun travail, ni aucune commande, avant d'avoir déposé vos demandes de subvention.",
    "Ne découpez pas artificiellement l'opération pour rester sous un seuil de procédure : c'est la valeur totale qui compte.",
    "Prévoyez une réserve pour imprévus : un chantier réserve presque toujours des surprises.",
    "Pensez au coût de fonctionnement autant qu'au coût des travaux.",
    "Conservez toutes les pièces de la consultation pendant la durée fixée par les règles d'archivage.",
    "Une modification du marché en cours d'exécution doit rester dans les limites prévues par le code de la commande publique.",
    "Vérifiez que les crédits sont inscrits au budget avant de signer.",
    "Informez les riverains et les usagers avant le début du chantier.",
    "Ne signez pas le marché avant d'avoir informé les candidats non retenus.",
    "Au-delà de {seuil_formalisee_travaux} pour des travaux, la procédure formalisée s'impose.",
]

# -- templates -------------------------------------------------------------

TEMPLATE_KINDS = [
    ("Règlement de la consultation", ["mapa", "formalisee"]),
    ("Lettre de consultation", ["sans-publicite"]),
    ("Rapport d'analyse des offres", ["mapa", "formalisee"]),
    ("Décision d'attribution", ["mapa", "formalisee"]),
    ("Courrier au candidat non retenu", ["mapa", "formalisee"]),
    ("Délibération de lancement de la consultation", ["mapa", "formalisee"]),
    ("Avis d'appel public à la concurrence", ["mapa"]),
    ("Cahier des clauses administratives particulières", ["mapa", "formalisee"]),
    ("Ordre de service", ["sans-publicite", "mapa", "formalisee"]),
    ("Procès-verbal de réception", ["sans-publicite", "mapa", "formalisee"]),
    ("Avenant au marché", ["mapa", "formalisee"]),
    ("Bon de commande", ["sans-publicite", "mapa"]),
    ("Mise en demeure du titulaire", ["mapa", "formalisee"]),
    ("Demande de devis", ["sans-publicite"]),
    ("Programme de l'opération", ["mapa", "formalisee"]),
]
TEMPLATE_SUBJECTS = [
    "pour des travaux de voirie", "pour une mission de maîtrise d'œuvre", "pour des fournitures de bureau",
    "pour l'entretien des espaces verts", "pour la restauration scolaire", "pour des travaux de bâtiment",
    "pour une étude de faisabilité", "pour des travaux d'assainissement", "pour l'éclairage public",
    "pour le nettoyage des locaux", "pour un groupement de commandes", "pour des travaux de réseaux",
    "pour l'achat d'un véhicule", "pour une mission de contrôle technique", "pour le déneigement et le salage",
    "pour des prestations de transport scolaire",
]

LEGAL_BASES = [
    ("CCP", "R2122-8", "Marchés sans publicité ni mise en concurrence préalables"),
    ("CCP", "R2123-1", "Recours à la procédure adaptée"),
    ("CCP", "R2131-12", "Publicité des procédures adaptées"),
    ("CCP", "R2132-2", "Mise à disposition des documents de la consultation"),
    ("CCP", "R2152-7", "Choix de l'offre économiquement la plus avantageuse"),
    ("CCP", "R2181-1", "Information des candidats non retenus"),
    ("CCP", "R2181-3", "Motifs du rejet d'une offre"),
    ("CCP", "R2182-1", "Délai de suspension avant signature"),
    ("CCP", "L2113-10", "Allotissement"),
    ("CGCT", "L2122-22 4°", "Délégation du conseil municipal au maire pour les marchés publics"),
    ("CGCT", "L2122-23", "Décisions prises par délégation"),
    ("CGCT", "L2121-29", "Compétence du conseil municipal"),
    ("CGCT", "L1414-2", "Commission d'appel d'offres"),
]

# (id, label, help or None)
FIELDS = [
    ("nom_collectivite", "Nom de la collectivité", "Nom officiel, par exemple « Commune de … »."),
    ("adresse_collectivite", "Adresse postale de la collectivité", None),
    ("objet_marche", "Objet du marché", "Intitulé du marché et, le cas échéant, numéro et intitulé du lot."),
    ("nom_maire", "Prénom et nom du maire ou du président", None),
    ("reference_consultation", "Référence de la consultation", "Numéro interne du dossier."),
    ("type_procedure", "Procédure de passation", "Par exemple « procédure adaptée »."),
    ("date_publication", "Date d'envoi de l'avis de publicité", None),
    ("support_publicite", "Support de publication de l'avis", None),
    ("profil_acheteur", "Adresse du profil d'acheteur", "Plateforme où sont publiés les documents de la consultation."),
    ("date_limite_offres", "Date et heure limites de remise des offres", None),
    ("nombre_offres", "Nombre d'offres reçues", None),
    ("nom_attributaire", "Nom ou raison sociale de l'attributaire", None),
    ("adresse_attributaire", "Adresse de l'attributaire", None),
    ("siret_attributaire", "Numéro SIRET de l'attributaire", None),
    ("montant_ht", "Montant du marché hors taxes (HT)", None),
    ("montant_ttc", "Montant du marché toutes taxes comprises (TTC)", None),
    ("duree_execution", "Durée ou délai d'exécution", None),
    ("lieu_execution", "Lieu d'exécution ou de livraison", None),
    ("exercice_budgetaire", "Exercice budgétaire", None),
    ("imputation_budgetaire", "Imputation budgétaire", "Chapitre et article du budget."),
    ("ponderation_prix", "Pondération du critère prix", "Par exemple 40 %."),
    ("ponderation_technique", "Pondération du critère valeur technique", None),
    ("ponderation_environnement", "Pondération du critère environnemental", None),
    ("description_besoin", "Description du besoin",
     "Ce qui est attendu, les quantités, les exigences techniques et les contraintes du site."),
    ("contact_collectivite", "Personne à contacter", "Nom, fonction et coordonnées professionnelles."),
    ("nom_signataire", "Prénom et nom du signataire", None),
    ("qualite_signataire", "Qualité du signataire", "Par exemple « Le maire »."),
    ("lieu_signature", "Lieu de signature", None),
    ("date_signature", "Date de signature", None),
    ("tribunal_administratif", "Tribunal administratif compétent", None),
    ("date_seance", "Date de la séance", None),
    ("numero_deliberation", "Numéro de la délibération", None),
]

FIELD_SENTENCES = {
    "nom_collectivite": "**{c}**",
    "objet_marche": "**Objet : {c}**",
    "nom_maire": "Le maire ou le président, {c},",
    "description_besoin": "Le besoin est le suivant : {c}.",
    "montant_ht": "Le montant du marché s'élève à {c} hors taxes.",
    "montant_ttc": "Soit {c} toutes taxes comprises.",
    "date_limite_offres": "Les offres doivent parvenir au plus tard le {c}.",
    "lieu_signature": "Fait à {c},",
    "date_signature": "le {c}.",
    "nom_attributaire": "Le marché est attribué à {c}.",
    "tribunal_administratif": "Tout recours peut être porté devant le {c} dans un délai de deux mois.",
}

BODY_SECTION_TITLES = ["En-tête", "Objet de la consultation", "Conditions de la consultation", "Critères de choix",
                       "Déroulement", "Décision", "Modalités d'exécution", "Signature et voies de recours"]

BODY_FILLERS = [
    "Le présent document est établi conformément au code de la commande publique.",
    "*Note de rédaction : adaptez ce paragraphe à la situation de votre collectivité.*",
    "Les candidats peuvent poser leurs questions par écrit jusqu'à six jours avant la date limite.",
    "Les offres sont rédigées en langue française et exprimées en euros.",
    "La collectivité se réserve la possibilité de négocier avec les candidats ayant présenté une offre.",
    "Les pièces du marché prévalent dans l'ordre où elles sont énumérées ci-dessous.",
    "Le titulaire s'engage à respecter la réglementation sociale et environnementale en vigueur.",
    "Les variantes ne sont pas autorisées, sauf mention contraire dans le présent document.",
    "Le délai de validité des offres est de cent vingt jours à compter de la date limite de remise.",
    "Le paiement intervient par virement dans le délai global de paiement applicable aux collectivités.",
    "Les documents de la consultation sont disponibles sur le profil d'acheteur de la collectivité.",
    "Chaque candidat remet un dossier complet comprenant les pièces de la candidature et de l'offre.",
    "L'offre économiquement la plus avantageuse est choisie au regard des critères annoncés.",
    "En cas d'offre anormalement basse, la collectivité demande par écrit des précisions au candidat.",
    "Le titulaire désigne un interlocuteur unique pendant toute la durée du marché.",
    "Les prix sont réputés comprendre toutes les charges et sujétions liées à l'exécution des prestations.",
    "Les prestations sont exécutées conformément aux règles de l'art et aux normes en vigueur.",
    "*Note de rédaction : supprimez les mentions inutiles avant l'envoi du document.*",
    "La collectivité peut déclarer la procédure sans suite pour un motif d'intérêt général.",
    "Le candidat retenu produit les attestations fiscales et sociales avant la signature du marché.",
    "Les pénalités de retard sont calculées selon les dispositions du cahier des clauses administratives générales.",
    "La présente pièce est transmise au représentant de l'État lorsque la réglementation l'exige.",
]

TEMPLATE_PURPOSES = [
    "Modèle de document pour {usage}, à adapter à la situation de la collectivité.",
    "Ce modèle aide les communes et les intercommunalités à {usage} dans le respect des règles de la commande publique.",
    "Il rappelle les mentions obligatoires et propose une rédaction simple, relue par la MIT.",
    "Les passages entre crochets sont à compléter ; les notes de rédaction sont à supprimer avant envoi.",
]
TEMPLATE_USAGES = [
    "préparer la consultation", "formaliser le choix de l'attributaire", "informer les candidats",
    "garder une trace de la procédure", "organiser l'exécution du marché", "demander des offres comparables",
]
TEMPLATE_WHEN = [
    "Lorsque la valeur estimée du besoin est inférieure à {seuil_travaux} pour des travaux, ou à {seuil_services} pour des fournitures et des services.",
    "Pour une procédure adaptée, à partir de ces montants et sous {seuil_formalisee_travaux} pour des travaux.",
    "Après l'analyse des offres et avant la signature du marché.",
    "Dès la préparation du dossier de consultation, une fois le besoin défini et le budget voté.",
    "Estimez le besoin dans sa totalité : ne le découpez pas pour rester sous un seuil.",
]

# -- workshops ---------------------------------------------------------------

WORKSHOP_SUBJECTS = [
    "la définition du besoin", "les critères environnementaux", "la dématérialisation des marchés",
    "les groupements de commandes", "l'analyse des offres", "les clauses sociales",
    "l'achat de denrées locales", "la maîtrise d'œuvre", "les accords-cadres", "le suivi de l'exécution",
    "le réemploi dans les marchés de travaux", "la négociation en procédure adaptée",
]
WORKSHOP_PLACES = ["Auch", "Condom", "Mirande", "Lectoure", "Fleurance", "Eauze", "L'Isle-Jourdain", "Nogaro",
                   "Samatan", "Vic-Fezensac", "Gimont", "Masseube"]
WORKSHOP_SUMMARY = [
    "Le réseau « Commande publique » a réuni les agents et les élus des intercommunalités du Gers autour de {sujet}.",
    "Les participants ont partagé leurs pratiques, leurs difficultés et les solutions trouvées dans leurs collectivités.",
    "La Mission Ingénierie des Territoires a présenté les règles applicables et des exemples concrets.",
    "Les échanges ont montré l'intérêt d'outils communs, adaptés aux petites collectivités.",
    "Un temps de questions a permis de revenir sur les seuils en vigueur, dont {seuil_services} pour les fournitures et services.",
]
WORKSHOP_TAKEAWAYS = [
    "Un besoin bien défini est la première garantie d'un marché réussi.",
    "Les critères de choix doivent être annoncés et appliqués tels quels.",
    "Mutualiser les achats entre collectivités permet d'obtenir de meilleures offres.",
    "Les entreprises locales répondent davantage quand les lots sont adaptés à leur taille.",
    "La dématérialisation simplifie la procédure, à condition d'accompagner les petites entreprises.",
    "Les critères environnementaux se construisent dès la définition du besoin.",
    "Le rapport d'analyse des offres protège la collectivité en cas de contestation.",
    "Les petites communes gagnent à s'appuyer sur l'intercommunalité pour les procédures les plus lourdes.",
    "Un calendrier réaliste laisse aux entreprises le temps de préparer une offre de qualité.",
    "Les clauses sociales favorisent l'insertion sans fermer le marché aux petites entreprises.",
]
WORKSHOP_NEXT = [
    "Un prochain atelier approfondira ce sujet à partir de cas pratiques apportés par les participants.",
    "La MIT mettra à disposition des modèles de documents mis à jour.",
    "Les participants partageront leurs documents types au sein du réseau.",
    "Un groupe de travail préparera une grille d'analyse commune.",
]
