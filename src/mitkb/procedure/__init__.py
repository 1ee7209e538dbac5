"""« Quelle procédure pour mon achat ? »: the procedure, publicity and obligations of a purchase.

- ``rules``: the rules of data/procedures.yml (wording, article, source, period), validated;
- ``decide``: the decision for one purchase on one day, from those rules and data/seuils.yml;
- ``tool``: the page quelle-procedure/, its build-time decision tables, and the data the
  browser script displays (every answer is decided here, in Python; the script only looks
  the answer up and shows it).

Nothing here imports MkDocs.
"""

from .decide import CASES, NATURES, Answer, QuestionError, decide, parse_amount
from .rules import RULES_FILE, ProcedureRules, load_rules
from .tool import PAGE_PATH, ProcedureTool, procedure_assets

__all__ = [
    "CASES", "NATURES", "PAGE_PATH", "RULES_FILE", "Answer", "ProcedureRules", "ProcedureTool",
    "QuestionError", "decide", "load_rules", "parse_amount", "procedure_assets",
]
