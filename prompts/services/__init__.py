"""Every write to prompts, answers and scores goes through these functions."""

from prompts.services.answers import answer_create, answer_edit_deadline, answer_is_editable_by, answer_update
from prompts.services.autoscoring import answer_auto_score
from prompts.services.drafting import AnswerDraft, answer_draft
from prompts.services.prompts import prompt_create, prompt_update
from prompts.services.scores import skill_score_record, skill_scores_record

__all__ = [
    "AnswerDraft",
    "answer_auto_score",
    "answer_create",
    "answer_draft",
    "answer_edit_deadline",
    "answer_is_editable_by",
    "answer_update",
    "prompt_create",
    "prompt_update",
    "skill_score_record",
    "skill_scores_record",
]
