from saphire import roles


def portal(request):
    user = request.user
    return {
        "is_coordinator": roles.is_coordinator(user),
        "is_administrator": roles.is_administrator(user),
    }
