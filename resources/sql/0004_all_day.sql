-- All-day events. Public event lists often give a date and no time (a
-- national day of action: "2017-04-15"); such an event starts at midnight
-- where it happens and lasts the day, and is shown as all-day rather than as
-- a midnight start. Existing rows keep their times.
ALTER TABLE events ADD COLUMN all_day boolean NOT NULL DEFAULT false;
