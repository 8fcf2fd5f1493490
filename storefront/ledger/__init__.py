"""What each seller is owed, and why: the append-only ledger, payouts, her bank account."""
