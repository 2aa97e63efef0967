"""Texts of the mapping models that people read, stored per language (see settings, MODELTRANSLATION_*)."""

from modeltranslation.translator import TranslationOptions, register

from mapping.models import Question, Questionnaire, Section, Theme


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Questionnaire)
class QuestionnaireTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Section)
class SectionTranslation(TranslationOptions):
    fields = ("title", "description")


@register(Question)
class QuestionTranslation(TranslationOptions):
    # Option values and scores are one list for every language (`options`, English labels in it);
    # `option_labels` holds each other language's labels by option value.
    fields = ("text", "help_text", "option_labels")
