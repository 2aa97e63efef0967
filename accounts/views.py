from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts.forms import ThrottledAuthenticationForm
from mapping import dashboard as mapping_dashboard
from regions import dashboard as regions_dashboard
from reports import dashboard as reports_dashboard
from roadmap import dashboard as roadmap_dashboard
from workshops import dashboard as workshops_dashboard

DASHBOARDS = [regions_dashboard, mapping_dashboard, workshops_dashboard, roadmap_dashboard, reports_dashboard]


class LoginView(auth_views.LoginView):
    form_class = ThrottledAuthenticationForm
    redirect_authenticated_user = True


@login_required
def dashboard(request):
    panels = [panel for module in DASHBOARDS for panel in module.panels(request.user)]
    return render(request, "accounts/dashboard.html", {"panels": panels})
