// The back office's event form: its start and end are typed in the event's own time zone (the form converts
// them), so Django's note "you are N hours ahead of server time" under them would be wrong. Django shows that
// note when the page's body carries the server's UTC offset; this removes the offset before the date widgets
// read it (on the window's load).
document.addEventListener("DOMContentLoaded", function () {
  delete document.body.dataset.adminUtcOffset;
});
