"""What a team asks of one or two plans beside the files: what moved (diff), what is on
today (agenda) and the same posted to the chat group's robot (send), the 状态 column back
into the plan file (progress), and a team's own Excel table turned into a playbook
(table_import).
"""
