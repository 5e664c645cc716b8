"""A paging number past what the database takes is a clear answer, not a server error."""

import pytest

HUGE = "100000000000000000000"  # past 2**63


@pytest.mark.parametrize(("query", "status"), [(f"limit={HUGE}", 200), (f"offset={HUGE}", 422)])
def test_a_huge_paging_number_on_the_survey_list_is_not_a_server_error(
    demand_survey, supervisor, client_for, query, status
):
    response = client_for(supervisor).get(f"/api/surveys/staff/surveys?{query}")
    assert response.status_code == status
