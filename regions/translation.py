"""Texts of the regions app that people read, stored per language (see settings, MODELTRANSLATION_*)."""

from modeltranslation.translator import TranslationOptions, register

from regions.models import Indicator, PopulationGroup


@register(PopulationGroup)
class PopulationGroupTranslation(TranslationOptions):
    fields = ("name", "description", "conditions_more_frequent", "conditions_less_frequent")


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("label",)
