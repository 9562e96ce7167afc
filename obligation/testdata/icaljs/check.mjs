// Reads an iCalendar feed on stdin, parses it with ical.js and prints its events
// as JSON: uid, summary, description, start date, and the alarms' triggers in
// seconds relative to the start. Used by obligation's TestICSParsers.
import ICAL from "ical.js";

let input = "";
process.stdin.setEncoding("utf8");
for await (const chunk of process.stdin) input += chunk;

const comp = new ICAL.Component(ICAL.parse(input));
const events = comp.getAllSubcomponents("vevent").map((ve) => {
  const ev = new ICAL.Event(ve);
  return {
    uid: ev.uid,
    summary: ev.summary,
    description: ev.description,
    start: ev.startDate.toString(),
    all_day: ev.startDate.isDate,
    alarms: ve.getAllSubcomponents("valarm").map((a) => a.getFirstPropertyValue("trigger").toSeconds()),
  };
});
process.stdout.write(JSON.stringify({ name: comp.getFirstPropertyValue("x-wr-calname"), events }));
