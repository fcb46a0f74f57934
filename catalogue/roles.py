"""Names of the admin groups. The groups themselves are set up by `manage.py setup_roles`
(in `home`, which knows every page type)."""

ACTORS = "Acteurs du numérique"
COORDINATION = "Coordination"
ADVISORS = "Conseillers"
