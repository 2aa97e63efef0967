from saphire.datafiles import default_text, translated_columns


def test_texts_go_to_the_columns_of_the_portal_languages(settings):
    settings.LANGUAGES = [("en", "English"), ("fr", "French")]
    texts = {"en": "Strategy", "fr": "Stratégie", "xx": "Not a portal language"}

    assert translated_columns("title", texts) == {"title_en": "Strategy", "title_fr": "Stratégie"}
    assert translated_columns("title", texts, include_default=False) == {"title_fr": "Stratégie"}
    assert default_text(texts) == "Strategy"


def test_a_language_added_to_the_settings_is_read_from_its_key(settings):
    settings.LANGUAGES = [("en", "English"), ("fr", "French"), ("de", "German")]

    assert translated_columns("title", {"en": "Strategy", "de": "Strategie"}) == {
        "title_en": "Strategy",
        "title_de": "Strategie",
    }


def test_missing_texts_are_left_for_the_english_fallback():
    assert translated_columns("summary", {"en": "Only English", "fr": ""}) == {"summary_en": "Only English"}
    assert translated_columns("summary", None) == {}
    assert default_text(None) == ""
