"""Staff curation: the review queue, shops, featured picks, collections, the campaign, the audit log."""
