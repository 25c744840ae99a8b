"""`promoplan send`: the day's agenda (and the workbook) posted to a chat group's robot.

Takes a resolved Plan, the days, and a robot's webhook; gives the posts. `message` lays
agenda's items out for a phone and cuts them into parts the platform accepts, `platforms`
knows what WeCom, DingTalk and Feishu document (addresses, signing, payloads, limits,
codes), and `transport` makes the HTTP calls: timeouts, a new try on a rate-limit reply,
never a message twice. Nothing here prints; the command line says what was sent.
"""
