import pytest

from accounts.models import User
from tests.factories import UserFactory
from tests.helpers import browser_login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("role", [r.value for r in User.Role])
def test_each_role_signs_in_and_sees_its_dashboard(page, role):
    user = UserFactory(username=f"demo-{role}", role=role)

    browser_login(page, user.username)

    assert page.get_by_role("heading", level=1).inner_text().startswith("Welcome")
    assert user.get_role_display() in page.locator("main").inner_text()
