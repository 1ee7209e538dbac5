"""Who publishes the site and how to reach the MIT: the facts of ``data/site.yml``.

- ``model``: the publisher, director of publication and host (LCEN art. 6 III), and the
  decisions the MIT still has to record (licence of the templates);
- ``macros``: what the legal pages and « Solliciter la MIT » show, from those facts and
  from ``data/contacts.yml``;
- ``request_form``: the downloadable « fiche de demande d'accompagnement » (.docx, .odt).

Another département or another host changes ``data/site.yml`` only.
"""

from .model import SITE_FILE, SiteFacts, load_site_facts, site_facts_warnings

__all__ = ["SITE_FILE", "SiteFacts", "load_site_facts", "site_facts_warnings"]
