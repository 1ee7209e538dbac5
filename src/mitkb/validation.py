"""Validate loaded YAML against a model and report errors in French, located."""

from __future__ import annotations

import datetime as dt
import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import ContentError
from .yaml_loader import Positions


def describe_value(value: Any) -> str:
    """How a YAML value reads to someone who wrote it."""
    if value is None:
        return "une valeur vide"
    if isinstance(value, bool):
        return f"un booléen ({'oui' if value else 'non'})"
    if isinstance(value, (int, float)):
        return f"un nombre ({value})"
    if isinstance(value, dt.date):
        return f"une date ({value.isoformat()})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "…"
        return f"le texte « {shown} »" if value.strip() else "un texte vide"
    if isinstance(value, list):
        return "une liste vide" if not value else f"une liste de {len(value)} élément(s)"
    if isinstance(value, dict):
        return "une table (clé: valeur)"
    return type(value).__name__


def field_path(loc: tuple) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += ("." if text else "") + str(part)
    return text


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that owns the mapping at `loc` (for key suggestions)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        by_alias = {f.alias or name: f for name, f in current.model_fields.items()}
        if part not in by_alias:
            return None
        current = _inner_model(by_alias[part].annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    return None


def allowed_keys(model: type[BaseModel]) -> list[str]:
    return [f.alias or name for name, f in model.model_fields.items()]


def _literal_choices(ctx: dict) -> str:
    expected = ctx.get("expected", "")
    return expected.replace("' or '", "', '").replace("'", "")


def translate(error: dict, model: type[BaseModel], data: Any) -> tuple[str, str, bool]:
    """French message, hint, and whether the error points at the key (not the value)."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    found = describe_value(value)
    loc = tuple(error["loc"])
    if kind == "missing":
        return "champ obligatoire manquant", "Ajoutez ce champ (voir un fichier existant du même type).", False
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        known = allowed_keys(owner) if owner else []
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        hint = f"Vouliez-vous écrire « {close[0]} » ?" if close else ""
        if known:
            hint += (" " if hint else "") + "Champs acceptés : " + ", ".join(known) + "."
        return f"champ inconnu « {loc[-1]} »", hint, True
    quote_hint = ""
    if isinstance(value, (bool, int, float, dt.date)) or value is None:
        quote_hint = "Si c'est un texte, mettez-le entre guillemets."
    if kind in ("string_type",):
        hint = quote_hint
        if isinstance(value, dict):
            hint = "Un texte qui contient « {{ » ou « : » doit être entre guillemets ou dans un bloc « | »."
        return f"texte attendu, trouvé {found}", hint, False
    if kind == "string_too_short":
        return "texte vide", "Écrivez ce texte ou retirez le champ s'il est facultatif.", False
    if kind == "string_too_long":
        return f"texte trop long (au plus {ctx.get('max_length')} caractères)", "Raccourcissez-le.", False
    if kind == "string_pattern_mismatch":
        return f"format invalide : {found}", _pattern_hint(loc), False
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"):
        hint = "Écrivez la date sans guillemets au format AAAA-MM-JJ, par exemple 2026-11-27."
        return f"date attendue, trouvé {found}", hint, False
    if kind == "literal_error":
        return f"valeur non reconnue : {found}", f"Valeurs possibles : {_literal_choices(ctx)}.", False
    if kind == "list_type":
        return f"liste attendue, trouvé {found}", "Écrivez une liste : un élément par ligne, précédé de « - ».", False
    if kind == "too_short":
        return (
            f"liste trop courte : au moins {ctx.get('min_length')} élément(s) attendu(s)",
            "Complétez la liste.",
            False,
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return f"table attendue (lignes « clé: valeur »), trouvé {found}", "Vérifiez l'indentation.", False
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"nombre entier attendu, trouvé {found}", "Écrivez le nombre sans espace ni symbole, par exemple 60000.", False
    if kind in ("float_type", "float_parsing"):
        return f"nombre attendu, trouvé {found}", "Écrivez le nombre sans espace ni symbole.", False
    if kind in ("greater_than", "greater_than_equal"):
        return f"nombre trop petit : {found}", "", False
    if kind == "value_error":
        message = str(ctx.get("error", error.get("msg", "")))
        return message, "", False
    return f"{error.get('msg', kind)} (trouvé {found})", "", False


def _pattern_hint(loc: tuple) -> str:
    last = next((p for p in reversed(loc) if isinstance(p, str)), "")
    if last == "valeur":  # a contact's coordinate: « telephone: {valeur: …, source: …} »
        last = next((p for p in reversed(loc) if p in ("courriel", "telephone", "site")), last)
    if last == "article":
        return "Écrivez l'article comme sur Légifrance, par exemple R2122-8 ou L2122-22 4°."
    if last == "version":
        return "Écrivez la version sous la forme 1.0 (entre guillemets)."
    if last == "id" and "champs" in loc:
        return "Identifiant en minuscules sans accent, mots séparés par « _ », par exemple nom_collectivite."
    if last == "courriel":
        return "Adresse électronique complète, par exemple prenom.nom@exemple.fr."
    if last == "telephone":
        return "Numéro à 10 chiffres, par exemple 05 62 00 00 00."
    if last == "site":
        return "Adresse complète commençant par https://."
    return "Identifiant en minuscules sans accent, mots séparés par des tirets, par exemple eau-assainissement."


def validate_model(model: type[BaseModel], data: Any, positions: Positions, display_path: str):
    """Return (instance, []) or (None, errors)."""
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = []
        for error in exc.errors(include_url=False):
            loc = tuple(error["loc"])
            message, hint, at_key = translate(error, model, data)
            line, column = positions.of_key(loc) if at_key else positions.of_value(loc)
            errors.append(ContentError(display_path, line, column, message, field_path(loc), hint))
        return None, errors

