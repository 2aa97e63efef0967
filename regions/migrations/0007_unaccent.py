from django.contrib.postgres.operations import UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    """Accent-insensitive region search ("Ile-de-France" finds Île-de-France); a trusted extension since PG 13."""

    dependencies = [("regions", "0006_indicators")]

    operations = [UnaccentExtension()]
