"""Texts of the recommendation library, stored per language (see settings, MODELTRANSLATION_*)."""

from modeltranslation.translator import TranslationOptions, register

from reports.models import Recommendation


@register(Recommendation)
class RecommendationTranslation(TranslationOptions):
    fields = ("title", "text")
