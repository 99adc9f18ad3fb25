"""After the placement: the volunteer's activity reports, their approval, and debriefs."""
