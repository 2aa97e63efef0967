from django.apps import AppConfig


class MappingConfig(AppConfig):
    name = "mapping"

    def ready(self):
        from mapping import api, dashboard, demo, map_indicators, region_profile
        from saphire import page_cache, plugins

        plugins.dashboard_panels.register(self.label, dashboard.panels)
        plugins.region_profile_sections.register(self.label, region_profile.sections)
        plugins.api_routes.register(self.label, plugins.ApiRoutes(api.register, api.urlpatterns))
        plugins.demo_loaders.register(self.label, demo.load)
        plugins.coordinator_admin_apps.register(self.label, True)
        plugins.interest_choices.register(self.label, plugins.InterestChoices("themes", theme_choices))
        plugins.map_indicators.register(
            self.label,
            plugins.MapIndicators(
                map_indicators.SCORE_PREFIX,
                map_indicators.score_choices,
                map_indicators.score_data,
                depends_on=(page_cache.REGIONS, page_cache.SCORES),
            ),
        )


def theme_choices() -> list[tuple[str, str]]:
    from mapping.models import Theme

    return [(theme.code, str(theme)) for theme in Theme.objects.filter(is_active=True)]
