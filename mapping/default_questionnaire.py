# ruff: noqa: E501  (questionnaire texts read best unbroken)
"""The portal's default gap and barrier questionnaire: one section per theme of the taxonomy.

Written from the public record of SAPHIRe, ICPerMed and the barrier reviews (Regions4PerMed,
genomics-integration barriers, the EU personalised medicine policy review). Used by the demo,
the benchmarks and any deployment that wants a starting point.
"""

from django.db import transaction

from mapping.models import Question, Questionnaire, QuestionnaireVersion, Section, Theme

CODE = "saphire-mapping"
LIKERT_OPTIONS = [
    {"value": "1", "label": "Not at all"},
    {"value": "2", "label": "To a small extent"},
    {"value": "3", "label": "To some extent"},
    {"value": "4", "label": "To a large extent"},
    {"value": "5", "label": "Fully"},
]
LIKERT_FR = {"1": "Pas du tout", "2": "Un peu", "3": "En partie", "4": "Largement", "5": "Entièrement"}

L, Y, S, M, N, T = "likert", "yes_no", "single", "multiple", "number", "text"


def opt(value, label, fr, score=None):
    return (value, label, fr, score)


# (theme, section title, section title in French, questions)
# question: (kind, text, French text, extras)
SECTIONS = [
    (
        "AWARE",
        "Citizens and health literacy",
        "Citoyens et littératie en santé",
        [
            (
                L,
                "Citizens in the region know what personalised medicine is and what it can offer them.",
                "Les citoyens de la région savent ce qu'est la médecine personnalisée et ce qu'elle peut leur apporter.",
                {},
            ),
            (
                Y,
                "Has the region run a public information campaign on genomics or personalised medicine in the last five years?",
                "La région a-t-elle mené une campagne d'information sur la génomique ou la médecine personnalisée au cours des cinq dernières années ?",
                {},
            ),
            (
                S,
                "How many people did the campaign reach?",
                "Combien de personnes la campagne a-t-elle touchées ?",
                {
                    "condition": ("AWARE-2", "yes"),
                    "options": [
                        opt("lt10k", "Fewer than 10,000", "Moins de 10 000", 25),
                        opt("10k-100k", "10,000 to 100,000", "De 10 000 à 100 000", 60),
                        opt("gt100k", "More than 100,000", "Plus de 100 000", 100),
                    ],
                },
            ),
            (
                L,
                "Older and less digitally literate residents can use digital health services (patient portals, apps) without help.",
                "Les habitants âgés ou peu familiers du numérique utilisent les services de santé en ligne (portails, applications) sans aide.",
                {
                    "help": "Rural, ageing populations were named as a barrier at the SAPHIRe 2021 webinar on remote regions."
                },
            ),
            (
                M,
                "Through which channels do citizens learn about genetic tests and the use of their health data?",
                "Par quels canaux les citoyens s'informent-ils sur les tests génétiques et l'utilisation de leurs données de santé ?",
                {
                    "options": [
                        opt("gp", "General practitioner / primary care", "Médecin généraliste / soins primaires", 25),
                        opt("hospital", "Hospital", "Hôpital", 25),
                        opt("portal", "Patient portal or app", "Portail patient ou application", 25),
                        opt("public", "Schools, libraries, media", "Écoles, bibliothèques, médias", 25),
                    ]
                },
            ),
            (
                T,
                "Which misconceptions or concerns do citizens most often express?",
                "Quelles idées fausses ou inquiétudes les citoyens expriment-ils le plus souvent ?",
                {"required": False},
            ),
        ],
    ),
    (
        "EDU",
        "Professional education and workforce",
        "Formation des professionnels et main-d'œuvre",
        [
            (
                L,
                "Medical and nursing curricula at the region's universities include genomics and personalised medicine.",
                "Les cursus de médecine et de soins infirmiers des universités de la région incluent la génomique et la médecine personnalisée.",
                {"weight": 2},
            ),
            (
                L,
                "General practitioners are prepared to order, interpret and explain genetic tests.",
                "Les médecins généralistes sont prêts à prescrire, interpréter et expliquer des tests génétiques.",
                {"weight": 2},
            ),
            (
                N,
                "How many clinical geneticists and genetic counsellors work in the region (full-time equivalents)?",
                "Combien de généticiens cliniciens et de conseillers en génétique travaillent dans la région (équivalents temps plein) ?",
                {"min": 0, "max": 10000},
            ),
            (
                Y,
                "Is accredited continuing education on personalised medicine offered in the region?",
                "Une formation continue accréditée en médecine personnalisée est-elle proposée dans la région ?",
                {},
            ),
            (
                M,
                "Which professions does the region lack for personalised medicine?",
                "Quelles professions manquent à la région pour la médecine personnalisée ?",
                {
                    "options": [
                        opt("bioinfo", "Bioinformaticians", "Bio-informaticiens"),
                        opt("counsel", "Genetic counsellors", "Conseillers en génétique"),
                        opt("pathology", "Molecular pathologists", "Pathologistes moléculaires"),
                        opt("steward", "Data stewards", "Gestionnaires de données"),
                        opt("trials", "Clinical research staff", "Personnel de recherche clinique"),
                    ],
                    "required": False,
                },
            ),
            (
                L,
                "Health professionals are ready to use decision-support tools based on genomic data.",
                "Les professionnels de santé sont prêts à utiliser des outils d'aide à la décision fondés sur les données génomiques.",
                {},
            ),
        ],
    ),
    (
        "DATA",
        "Data infrastructure and interoperability",
        "Infrastructures de données et interopérabilité",
        [
            (
                L,
                "Electronic health records in the region's hospitals and primary care are interoperable.",
                "Les dossiers de santé électroniques des hôpitaux et des soins primaires de la région sont interopérables.",
                {"weight": 2},
            ),
            (
                S,
                "Which standards do the region's health data systems use?",
                "Quelles normes les systèmes de données de santé de la région utilisent-ils ?",
                {
                    "options": [
                        opt("none", "No common standard", "Aucune norme commune", 0),
                        opt("national", "National formats only", "Formats nationaux uniquement", 40),
                        opt(
                            "partly",
                            "HL7 FHIR or openEHR in some systems",
                            "HL7 FHIR ou openEHR dans certains systèmes",
                            70,
                        ),
                        opt(
                            "widely",
                            "HL7 FHIR or openEHR across systems",
                            "HL7 FHIR ou openEHR dans tous les systèmes",
                            100,
                        ),
                    ]
                },
            ),
            (
                Y,
                "Does the region have a secure processing environment for research on health data?",
                "La région dispose-t-elle d'un environnement de traitement sécurisé pour la recherche sur les données de santé ?",
                {},
            ),
            (
                Y,
                "Do the region's hospitals contribute to a regional or national genomic data repository?",
                "Les hôpitaux de la région alimentent-ils un entrepôt de données génomiques régional ou national ?",
                {"help": "For example a 1+ Million Genomes national mirror group node."},
            ),
            (
                N,
                "How many genomes or exomes from the region does it hold (thousands)?",
                "Combien de génomes ou d'exomes de la région contient-il (en milliers) ?",
                {"condition": ("DATA-4", "yes"), "min": 0, "max": 100000},
            ),
            (
                L,
                "Health data can be shared with other EU regions for care and research.",
                "Les données de santé peuvent être partagées avec d'autres régions de l'UE pour les soins et la recherche.",
                {},
            ),
        ],
    ),
    (
        "ELSI",
        "Ethics, privacy and legal issues",
        "Éthique, vie privée et questions juridiques",
        [
            (
                L,
                "Patients can give, see and withdraw consent for the secondary use of their health and genetic data.",
                "Les patients peuvent donner, consulter et retirer leur consentement à l'utilisation secondaire de leurs données de santé et génétiques.",
                {"weight": 2},
            ),
            (
                Y,
                "Has the region adopted guidance on returning incidental genomic findings to patients?",
                "La région a-t-elle adopté des lignes directrices sur le retour des découvertes génomiques fortuites aux patients ?",
                {},
            ),
            (
                L,
                "Ethics committees review personalised medicine studies in reasonable time.",
                "Les comités d'éthique examinent les études de médecine personnalisée dans des délais raisonnables.",
                {},
            ),
            (
                S,
                "How is the GDPR applied to research on health data in the region?",
                "Comment le RGPD est-il appliqué à la recherche sur les données de santé dans la région ?",
                {
                    "options": [
                        opt(
                            "unclear",
                            "Unclear; research is often blocked",
                            "Flou ; la recherche est souvent bloquée",
                            0,
                        ),
                        opt("slow", "Case by case and slow", "Au cas par cas et lentement", 40),
                        opt("clear", "Clear national rules", "Règles nationales claires", 75),
                        opt(
                            "body",
                            "Clear rules and a health data access body",
                            "Règles claires et un organisme d'accès aux données de santé",
                            100,
                        ),
                    ]
                },
            ),
            (
                T,
                "Which privacy or security concerns slowed projects in the region?",
                "Quelles préoccupations de confidentialité ou de sécurité ont freiné des projets dans la région ?",
                {"required": False},
            ),
        ],
    ),
    (
        "REG",
        "Regulation",
        "Réglementation",
        [
            (
                L,
                "Laboratories offering genetic and molecular tests comply with the EU In Vitro Diagnostic Regulation (IVDR).",
                "Les laboratoires proposant des tests génétiques et moléculaires respectent le règlement européen sur les dispositifs de diagnostic in vitro (IVDR).",
                {},
            ),
            (
                Y,
                "Does the region have a say in authorising new diagnostics or care pathways?",
                "La région intervient-elle dans l'autorisation de nouveaux diagnostics ou parcours de soins ?",
                {},
            ),
            (
                L,
                "The rules for companion diagnostics and targeted medicines are clear to the region's providers.",
                "Les règles relatives aux diagnostics compagnons et aux médicaments ciblés sont claires pour les prestataires de la région.",
                {},
            ),
            (
                L,
                "Regulatory advice is available to researchers and companies in the region.",
                "Des conseils réglementaires sont disponibles pour les chercheurs et les entreprises de la région.",
                {},
            ),
            (
                M,
                "Which regulatory obstacles have projects met?",
                "Quels obstacles réglementaires les projets ont-ils rencontrés ?",
                {
                    "options": [
                        opt("ivdr", "IVDR transition", "Transition vers l'IVDR"),
                        opt(
                            "class",
                            "Unclear classification of software or tests",
                            "Classification floue des logiciels ou des tests",
                        ),
                        opt("samples", "Cross-border transfer of samples", "Transfert transfrontalier d'échantillons"),
                        opt("lab", "Laboratory licensing", "Agrément des laboratoires"),
                    ],
                    "required": False,
                },
            ),
        ],
    ),
    (
        "HTA",
        "Evidence, HTA and reimbursement",
        "Preuves, ETS et remboursement",
        [
            (
                L,
                "Genetic tests that patients need are reimbursed.",
                "Les tests génétiques dont les patients ont besoin sont remboursés.",
                {"weight": 2},
            ),
            (
                Y,
                "Does the region or country have a health technology assessment body that assesses personalised medicine?",
                "La région ou le pays dispose-t-il d'un organisme d'évaluation des technologies de santé qui évalue la médecine personnalisée ?",
                {},
            ),
            (
                L,
                "Evidence of clinical utility is collected from regional practice (registries, real-world data).",
                "Les preuves d'utilité clinique sont recueillies dans la pratique régionale (registres, données de vie réelle).",
                {},
            ),
            (
                S,
                "How long does it typically take from a positive assessment to reimbursement?",
                "Combien de temps faut-il en général entre une évaluation positive et le remboursement ?",
                {
                    "options": [
                        opt("lt6m", "Under 6 months", "Moins de 6 mois", 100),
                        opt("6-12m", "6 to 12 months", "6 à 12 mois", 70),
                        opt("1-2y", "1 to 2 years", "1 à 2 ans", 40),
                        opt("gt2y", "Over 2 years or never", "Plus de 2 ans ou jamais", 0),
                    ]
                },
            ),
            (
                L,
                "Payers and insurers take part in planning personalised medicine services.",
                "Les payeurs et les assureurs participent à la planification des services de médecine personnalisée.",
                {},
            ),
            (
                N,
                "What share of the regional health budget goes to genetic and genomic testing (%)?",
                "Quelle part du budget régional de santé est consacrée aux tests génétiques et génomiques (%) ?",
                {"min": 0, "max": 100, "required": False},
            ),
        ],
    ),
    (
        "FUND",
        "Funding and investment",
        "Financement et investissement",
        [
            (
                L,
                "The region's smart specialisation strategy (S3) funds personalised medicine.",
                "La stratégie de spécialisation intelligente (S3) de la région finance la médecine personnalisée.",
                {"weight": 2},
            ),
            (
                M,
                "Which EU programmes has the region used for personalised medicine in the last five years?",
                "Quels programmes européens la région a-t-elle utilisés pour la médecine personnalisée au cours des cinq dernières années ?",
                {
                    "options": [
                        opt("horizon", "Horizon Europe / Horizon 2020", "Horizon Europe / Horizon 2020", 20),
                        opt("eu4health", "EU4Health", "EU4Health", 20),
                        opt("interreg", "Interreg", "Interreg", 20),
                        opt("cohesion", "Cohesion funds (ERDF, ESF+)", "Fonds de cohésion (FEDER, FSE+)", 20),
                        opt("digital", "Digital Europe", "Europe numérique", 20),
                    ],
                    "required": False,
                },
            ),
            (
                L,
                "Private investors (venture capital, business angels) invest in the region's health start-ups.",
                "Des investisseurs privés (capital-risque, investisseurs providentiels) investissent dans les jeunes entreprises de santé de la région.",
                {},
            ),
            (
                N,
                "About how much public funding goes to personalised medicine in the region each year (million EUR)?",
                "Quel est le montant approximatif du financement public annuel de la médecine personnalisée dans la région (millions d'euros) ?",
                {"min": 0, "max": 10000},
            ),
            (
                Y,
                "Does the region co-fund its partners in EU projects (matching funds)?",
                "La région cofinance-t-elle ses partenaires dans les projets européens (fonds de contrepartie) ?",
                {},
            ),
        ],
    ),
    (
        "RES",
        "Research capacity",
        "Capacité de recherche",
        [
            (
                L,
                "The region has research groups that publish internationally on genomics or personalised medicine.",
                "La région compte des équipes de recherche qui publient au niveau international sur la génomique ou la médecine personnalisée.",
                {},
            ),
            (
                Y,
                "Is there a biobank in the region that is open to external researchers?",
                "Existe-t-il dans la région une biobanque ouverte aux chercheurs extérieurs ?",
                {},
            ),
            (
                N,
                "How many clinical trials with biomarker-based inclusion ran in the region last year?",
                "Combien d'essais cliniques avec inclusion fondée sur des biomarqueurs ont eu lieu dans la région l'an dernier ?",
                {"min": 0, "max": 100000},
            ),
            (
                L,
                "Research results move into clinical practice.",
                "Les résultats de la recherche passent dans la pratique clinique.",
                {"weight": 2},
            ),
            (
                Y,
                "Does the region study a population with a distinct genetic background (for example a founder or island population)?",
                "La région étudie-t-elle une population au patrimoine génétique particulier (population fondatrice ou insulaire, par exemple) ?",
                {},
            ),
            (
                T,
                "Which population, and which conditions are more or less frequent in it?",
                "Quelle population, et quelles maladies y sont plus ou moins fréquentes ?",
                {"condition": ("RES-5", "yes")},
            ),
        ],
    ),
    (
        "IND",
        "Industry and innovation ecosystem",
        "Industrie et écosystème d'innovation",
        [
            (
                L,
                "Companies in diagnostics, medical technology or pharmaceuticals in the region work on personalised medicine.",
                "Des entreprises du diagnostic, des technologies médicales ou de la pharmacie de la région travaillent sur la médecine personnalisée.",
                {},
            ),
            (
                Y,
                "Does a health or life-science cluster operate in the region?",
                "Un pôle santé ou sciences de la vie est-il actif dans la région ?",
                {},
            ),
            (
                N,
                "How many personalised medicine start-ups were founded in the region in the last five years?",
                "Combien de jeunes entreprises de médecine personnalisée ont été créées dans la région au cours des cinq dernières années ?",
                {"min": 0, "max": 10000},
            ),
            (
                L,
                "Hospitals and companies have simple ways to work together (contracts, test beds, innovation procurement).",
                "Les hôpitaux et les entreprises disposent de moyens simples pour collaborer (contrats, bancs d'essai, achats innovants).",
                {"weight": 2},
            ),
            (
                L,
                "Technology transfer offices support spin-offs in personalised medicine.",
                "Les bureaux de transfert de technologie soutiennent les essaimages en médecine personnalisée.",
                {},
            ),
        ],
    ),
    (
        "GOV",
        "Governance, policy and strategy",
        "Gouvernance, politique et stratégie",
        [
            (
                Y,
                "Does the region have a strategy or action plan for personalised medicine?",
                "La région dispose-t-elle d'une stratégie ou d'un plan d'action pour la médecine personnalisée ?",
                {"weight": 2},
            ),
            (
                S,
                "What is the status of the strategy?",
                "Où en est cette stratégie ?",
                {
                    "condition": ("GOV-1", "yes"),
                    "options": [
                        opt("draft", "Draft", "Projet", 30),
                        opt("adopted", "Adopted", "Adoptée", 60),
                        opt("funded", "Adopted, with a budget and monitoring", "Adoptée, avec budget et suivi", 100),
                    ],
                },
            ),
            (
                L,
                "One body coordinates personalised medicine across the health, research and economy departments.",
                "Un organisme coordonne la médecine personnalisée entre les services de la santé, de la recherche et de l'économie.",
                {},
            ),
            (
                L,
                "Regional policy is aligned with national and EU initiatives (ICPerMed, 1+ Million Genomes).",
                "La politique régionale est alignée sur les initiatives nationales et européennes (ICPerMed, 1+ Million de génomes).",
                {},
            ),
            (
                L,
                "The region measures the progress of personalised medicine with indicators.",
                "La région mesure les progrès de la médecine personnalisée à l'aide d'indicateurs.",
                {},
            ),
            (T, "Name the main policy documents.", "Citez les principaux documents stratégiques.", {"required": False}),
        ],
    ),
    (
        "ENG",
        "Patient engagement and trust",
        "Participation et confiance des patients",
        [
            (
                L,
                "Patient organisations take part in decisions on personalised medicine services.",
                "Les associations de patients participent aux décisions sur les services de médecine personnalisée.",
                {"weight": 2},
            ),
            (
                L,
                "Citizens trust how the health system uses their data.",
                "Les citoyens ont confiance dans l'usage que le système de santé fait de leurs données.",
                {},
            ),
            (
                Y,
                "Are patients involved in designing research projects?",
                "Les patients participent-ils à la conception des projets de recherche ?",
                {},
            ),
            (
                L,
                "Patients receive understandable information before and after genetic testing.",
                "Les patients reçoivent des informations compréhensibles avant et après un test génétique.",
                {},
            ),
            (
                M,
                "Which patient groups are organised and engaged in the region?",
                "Quels groupes de patients sont organisés et engagés dans la région ?",
                {
                    "options": [
                        opt("rare", "Rare diseases", "Maladies rares", 25),
                        opt("cancer", "Cancer", "Cancer", 25),
                        opt("chronic", "Chronic diseases", "Maladies chroniques", 25),
                        opt("carers", "Carers and families", "Aidants et familles", 25),
                    ],
                    "required": False,
                },
            ),
        ],
    ),
    (
        "ACCESS",
        "Remote and rural access",
        "Accès dans les zones isolées et rurales",
        [
            (
                L,
                "People living far from specialist centres get genetic tests and counselling in reasonable time.",
                "Les personnes éloignées des centres spécialisés obtiennent tests génétiques et conseil dans des délais raisonnables.",
                {"weight": 2},
            ),
            (
                Y,
                "Is telemedicine (tele-consultation, tele-genetics) used for personalised care?",
                "La télémédecine (téléconsultation, télégénétique) est-elle utilisée pour les soins personnalisés ?",
                {},
            ),
            (
                N,
                "How far is the nearest clinical genetics centre from the most remote inhabited area (km)?",
                "À quelle distance se trouve le centre de génétique clinique le plus proche de la zone habitée la plus isolée (km) ?",
                {"min": 0, "max": 5000},
            ),
            (
                L,
                "General practitioners in rural areas are digitally equipped for remote consultations.",
                "Les médecins généralistes des zones rurales sont équipés pour les consultations à distance.",
                {},
            ),
            (
                S,
                "How long does a patient from a remote area travel to the genetics centre?",
                "Combien de temps un patient d'une zone isolée met-il pour se rendre au centre de génétique ?",
                {
                    "options": [
                        opt("lt1h", "Under 1 hour", "Moins d'une heure", 100),
                        opt("1-3h", "1 to 3 hours", "1 à 3 heures", 60),
                        opt("3-6h", "3 to 6 hours", "3 à 6 heures", 30),
                        opt("gt6h", "Over 6 hours or overnight", "Plus de 6 heures ou une nuit", 0),
                    ]
                },
            ),
            (
                L,
                "Samples can be collected locally and analysed centrally.",
                "Les prélèvements peuvent être faits localement et analysés de façon centralisée.",
                {},
            ),
        ],
    ),
    (
        "COOP",
        "Interregional cooperation",
        "Coopération interrégionale",
        [
            (
                L,
                "The region works with other regions on personalised medicine.",
                "La région collabore avec d'autres régions sur la médecine personnalisée.",
                {"weight": 2},
            ),
            (
                M,
                "Which networks does the region belong to?",
                "À quels réseaux la région appartient-elle ?",
                {
                    "options": [
                        opt("vanguard", "Vanguard Initiative", "Initiative Vanguard", 25),
                        opt("s3p", "S3 thematic partnership", "Partenariat thématique S3", 25),
                        opt("ern", "European Reference Networks", "Réseaux européens de référence", 25),
                        opt("regional", "NSPA or another regional network", "NSPA ou autre réseau régional", 25),
                    ],
                    "required": False,
                },
            ),
            (
                Y,
                "Do patients from the region use cross-border care for genetic diagnosis?",
                "Les patients de la région ont-ils recours aux soins transfrontaliers pour un diagnostic génétique ?",
                {},
            ),
            (
                N,
                "How many interregional projects on personalised medicine involve the region?",
                "À combien de projets interrégionaux de médecine personnalisée la région participe-t-elle ?",
                {"min": 0, "max": 1000},
            ),
            (
                L,
                "The region offers its expertise or infrastructure to other regions.",
                "La région met son expertise ou ses infrastructures à la disposition d'autres régions.",
                {},
            ),
            (
                T,
                "Which partner regions could help close your main gaps?",
                "Quelles régions partenaires pourraient vous aider à combler vos principales lacunes ?",
                {"required": False},
            ),
        ],
    ),
]


def question_count() -> int:
    return sum(len(questions) for *_rest, questions in SECTIONS)


@transaction.atomic
def build_default_questionnaire(*, code: str = CODE, publish: bool = True) -> QuestionnaireVersion:
    """The default questionnaire's first version, created once (idempotent) with bulk inserts."""
    questionnaire, created = Questionnaire.objects.get_or_create(
        code=code,
        defaults={
            "title_en": "Personalised medicine in the regions: gaps and barriers",
            "title_fr": "La médecine personnalisée dans les régions : lacunes et obstacles",
            "description_en": "Where the region stands on each barrier theme, with the evidence behind each answer.",
            "description_fr": "Où en est la région sur chaque thème d'obstacles, avec les preuves de chaque réponse.",
        },
    )
    version = questionnaire.versions.order_by("number").first()
    if version is not None and version.questions.exists():
        return version
    if version is None:
        version = QuestionnaireVersion.objects.create(questionnaire=questionnaire, number=1)
    themes = {theme.code: theme for theme in Theme.objects.all()}
    missing = [theme_code for theme_code, *_ in SECTIONS if theme_code not in themes]
    for theme_code in missing:
        themes[theme_code] = Theme.objects.create(code=theme_code, name_en=theme_code)
    sections = Section.objects.bulk_create(
        Section(version=version, order=order, title_en=title, title_fr=title_fr)
        for order, (_theme, title, title_fr, _questions) in enumerate(SECTIONS, start=1)
    )
    questions, conditions = [], {}
    for section, (theme_code, _title, _fr, items) in zip(sections, SECTIONS, strict=True):
        for order, (kind, text, text_fr, extra) in enumerate(items, start=1):
            question_code = f"{theme_code}-{order}"
            if kind == L:
                options, labels_fr = LIKERT_OPTIONS, LIKERT_FR
            else:
                options = [
                    {"value": v, "label": label, **({"score": s} if s is not None else {})}
                    for v, label, _fr_label, s in extra.get("options", [])
                ]
                labels_fr = {v: fr_label for v, _label, fr_label, _s in extra.get("options", [])}
            questions.append(
                Question(
                    version=version,
                    section=section,
                    code=question_code,
                    order=order,
                    kind=kind,
                    text_en=text,
                    text_fr=text_fr,
                    help_text_en=extra.get("help", ""),
                    required=extra.get("required", True),
                    theme=themes[theme_code],
                    weight=extra.get("weight", 1),
                    options=options,
                    min_value=extra.get("min"),
                    max_value=extra.get("max"),
                    condition_value=extra.get("condition", ("", ""))[1],
                    option_labels_fr=labels_fr or {},
                )
            )
            if "condition" in extra:
                conditions[question_code] = extra["condition"][0]
    Question.objects.bulk_create(questions)
    by_code = {q.code: q for q in questions}
    dependents = []
    for question_code, controller in conditions.items():
        by_code[question_code].condition_question = by_code[controller]
        dependents.append(by_code[question_code])
    Question.objects.bulk_update(dependents, ["condition_question"])
    if publish:
        from django.utils import timezone

        version.status = QuestionnaireVersion.Status.PUBLISHED
        version.published_at = timezone.now()
        version.save(update_fields=["status", "published_at"])
    return version
