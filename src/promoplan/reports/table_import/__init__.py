"""`promoplan import`: a team's own 进程表 (XLSX or CSV) as a playbook. `cells` reads the
file into a bounded grid of cells; `table` finds the header, reads the rows and writes the
playbook.
"""
