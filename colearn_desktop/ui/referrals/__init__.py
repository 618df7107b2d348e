"""The Referrals screen, the composer and the template editor."""
