"""Results reporting for the funder: outcome areas, project targets, figures and exports."""
