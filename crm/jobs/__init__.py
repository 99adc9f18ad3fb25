"""Background work: the huey queue, its worker command and the schedule of the regular jobs."""
