"""One contact's page: the brief, the timeline, the favours and purchases panels and the page's
actions."""
