// What ical.js (the parser of Thunderbird and many web calendars) makes of a calendar:
// every occurrence of every event, expanded as a client shows it, one JSON line each:
// {"uid", "summary", "status", "start": wall-clock time in the event's zone, "zone",
//  "utc": the instant (null for an all-day event)}. Usage: node list.mjs FILE.ics
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const root = new ICAL.Component(ICAL.parse(readFileSync(process.argv[2], "utf8")));
for (const zone of root.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
for (const component of root.getAllSubcomponents("vevent")) {
  const event = new ICAL.Event(component);
  const expand = event.iterator();
  for (let next = expand.next(), n = 0; next && n < 10000; next = expand.next(), n++) {
    const start = event.getOccurrenceDetails(next).startDate;
    console.log(JSON.stringify({
      uid: event.uid,
      summary: event.summary,
      status: component.getFirstPropertyValue("status"),
      start: start.toString(),
      zone: start.isDate ? null : start.zone.tzid,
      utc: start.isDate ? null : start.toJSDate().toISOString(),
    }));
  }
}
