"""Land: parcels and their control minimums, 低效用地 rules, the grant-contract check, the 盘活 log."""
