"""Scheduling: a `Playbook` and the dates a team was given → a dated `Plan`.

offsets (the offset language, over daytime: its times of day) and workdays (the working
calendar) feed resolve/; plan holds
the result every writer reads; filters narrow a plan to a role or person; workload counts
people's load across plans. Pure: no files, no clock (the holiday cache aside).
"""
