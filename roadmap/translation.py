"""Texts of the roadmap library that people read, stored per language (see settings, MODELTRANSLATION_*)."""

from modeltranslation.translator import TranslationOptions, register

from roadmap.models import FundingInstrument, Module, ModuleAction, ModuleVersion


@register(FundingInstrument)
class FundingInstrumentTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Module)
class ModuleTranslation(TranslationOptions):
    fields = ("title", "summary")


@register(ModuleAction)
class ModuleActionTranslation(TranslationOptions):
    fields = ("title", "description", "kpi", "kpi_target")


@register(ModuleVersion)
class ModuleVersionTranslation(TranslationOptions):
    # The published copy keeps every language, so the public page and search work in each.
    fields = ("title", "summary")
