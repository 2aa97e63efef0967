"""The parts of the report written from the others: executive summary, changes, methodology, sources."""

from statistics import mean

from mapping.models import Campaign, Finding, Response
from regions.models import Region
from reports.matching import Match
from reports.models import Report
from roadmap.models import RoadmapItem, RoadmapVersion
from saphire.scores import score_round

SUMMARY_ITEMS = 3
# A change of at most this many points is read as no change (answers are on a 5-point scale).
SCORE_NOISE = 2.0


def standing(own: dict[str, float], averages: dict[str, dict[str, float]], labels: dict[str, str]) -> list[dict]:
    """Per peer group, the region's mean score against the group's on the themes both have."""
    rows = []
    for key, scores in averages.items():
        shared = [code for code in own if code in scores]
        if not shared:
            continue
        mine, theirs = mean(own[c] for c in shared), mean(scores[c] for c in shared)
        rows.append(
            {
                "label": labels.get(key, key),
                "own": score_round(mine),
                "peers": score_round(theirs),
                "difference": score_round(mine) - score_round(theirs),
                "above": sum(1 for c in shared if own[c] > scores[c] + SCORE_NOISE),
                "below": sum(1 for c in shared if own[c] < scores[c] - SCORE_NOISE),
                "themes": len(shared),
            }
        )
    return rows


def executive_summary(
    *, by_key: dict, matches: list[Match], own: dict[str, float], averages: dict, peer_labels: dict
) -> dict:
    gaps = by_key["gaps"].data.get("findings", [])
    strengths = by_key["strengths"].data.get("findings", [])
    # One recommendation per triggering theme first, so the three say three different things.
    first, seen = [], set()
    for match in matches:
        key = tuple(match.theme_codes[:1])
        if key not in seen:
            first.append(match)
            seen.add(key)
        if len(first) == SUMMARY_ITEMS:
            break
    for match in matches:
        if len(first) == SUMMARY_ITEMS:
            break
        if match not in first:
            first.append(match)
    return {
        "standing": standing(own, averages, peer_labels),
        "mean": score_round(mean(own.values())) if own else None,
        "gaps": gaps[:SUMMARY_ITEMS],
        "recommendations": first,
        "strengths": strengths[:SUMMARY_ITEMS],
        "recommendation_count": len(matches),
    }


def previous_report(report: Report | None, region: Region) -> Report | None:
    """The region's last finished report before this one, in any language and for any campaign."""
    reports = Report.objects.filter(region=region, status=Report.Status.DONE).exclude(summary={})
    if report is not None and report.pk:
        reports = reports.filter(pk__lt=report.pk)
    return reports.order_by("-finished_at", "-pk").first()


def changes_since(
    previous: Report | None,
    *,
    scores: dict[str, float],
    gaps: list[Finding],
    roadmap: RoadmapVersion | None,
    names: dict[str, str],
) -> dict:
    """Scores up or down, gaps closed or new, roadmap items completed since `previous` was built."""
    if previous is None:
        return {}
    before = previous.summary
    old_scores = before.get("scores", {})
    moved = []
    for code, score in sorted(scores.items()):
        old = old_scores.get(code)
        if old is not None and abs(score - old) > SCORE_NOISE:
            moved.append(
                {
                    "name": names.get(code, code),
                    "before": score_round(old),
                    "after": score_round(score),
                    "up": score > old,
                }
            )
    old_gaps = {str(g["id"]): g for g in before.get("gaps", [])}
    now_gaps = {str(f.pk): f for f in gaps}
    done_now = {
        item["code"]: item
        for item in (roadmap.data.get("items", []) if roadmap else [])
        if item.get("status") == RoadmapItem.Status.DONE
    }
    done_before = set(before.get("completed", []))
    return {
        "previous": previous,
        "scores": moved,
        "new_gaps": [f for pk, f in now_gaps.items() if pk not in old_gaps],
        "closed_gaps": [g for pk, g in old_gaps.items() if pk not in now_gaps],
        "completed": [item for code, item in done_now.items() if code not in done_before],
    }


def methodology(*, region: Region, campaign: Campaign | None, confidence: dict[int, dict]) -> dict:
    """Who answered, when, with which confidence: what the scores rest on."""
    responses = Response.objects.filter(region=region, status=Response.Status.ACCEPTED).select_related("campaign")
    if campaign is not None:
        responses = responses.filter(campaign=campaign)
    responses = list(responses.order_by("-campaign__opens_on")[:5])
    totals = {"high": 0, "medium": 0, "low": 0, "total": 0, "sourced": 0}
    for row in confidence.values():
        for key in totals:
            totals[key] += row.get(key, 0)
    totals["unrated"] = totals["total"] - totals["high"] - totals["medium"] - totals["low"]
    return {"responses": responses, "confidence": totals}


def sources(*, findings: list[Finding], sections: list, licences: list[str]) -> dict:
    confirmed = [f for f in findings if f.status == Finding.Status.CONFIRMED]
    return {
        "findings": [
            (str(label), sum(1 for f in confirmed if f.source == value)) for value, label in Finding.Source.choices
        ],
        "licences": licences,
        "missing": [s.title for s in sections if s.missing],
    }
