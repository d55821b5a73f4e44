"""Mining on several machines: one job per repository in the study's PostgreSQL database
(procrastinate), workers that take them with their own tokens, and the queue's status."""
