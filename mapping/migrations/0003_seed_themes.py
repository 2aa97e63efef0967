from django.db import migrations

# The seed barrier taxonomy; themes stay editable data afterwards.
THEMES = [
    ("AWARE", "Citizen awareness and health literacy", "Citizens' understanding of personalised medicine, genomics and their own health data."),
    ("EDU", "Professional education and workforce", "Training of health professionals and the specialist workforce (geneticists, bioinformaticians, counsellors)."),
    ("DATA", "Data infrastructure and interoperability", "Electronic health records, standards, data sharing and secure processing environments."),
    ("ELSI", "Ethics, privacy and legal issues", "Consent, data protection, GDPR practice and ethical review."),
    ("REG", "Regulation", "Rules for diagnostics, medicines, devices and laboratories that personalised medicine depends on."),
    ("HTA", "Evidence, HTA and reimbursement", "Evidence of clinical utility, health technology assessment and payment for personalised care."),
    ("FUND", "Funding and investment", "Public and private funding, structural funds and investment for personalised medicine."),
    ("RES", "Research capacity", "Research groups, biobanks, cohorts and clinical research infrastructure."),
    ("IND", "Industry and innovation ecosystem", "Companies, clusters, start-ups and the links between research and market."),
    ("GOV", "Governance, policy and strategy", "Regional strategies, smart specialisation, organisation and leadership."),
    ("ENG", "Patient engagement and trust", "Involvement of patients and their organisations, and public trust."),
    ("ACCESS", "Remote and rural access", "Reaching people far from specialist centres: telemedicine, outreach, equitable access."),
    ("COOP", "Interregional cooperation", "Partnerships with other regions, networks and joint projects."),
]


def seed(apps, schema_editor):
    Theme = apps.get_model("mapping", "Theme")
    for order, (code, name, description) in enumerate(THEMES, start=1):
        Theme.objects.get_or_create(code=code, defaults={"name": name, "description": description, "order": order})


class Migration(migrations.Migration):
    dependencies = [("mapping", "0002_questionnaires_campaigns_responses")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
