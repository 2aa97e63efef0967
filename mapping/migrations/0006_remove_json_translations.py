from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("mapping", "0005_carry_translations_over"),
    ]

    operations = [
        migrations.RemoveField(model_name="question", name="translations"),
        migrations.RemoveField(model_name="section", name="translations"),
    ]
