# Initiatives (src/initiatives/): pages, statuses, categories, meetings, notices.

initiative-list-title = Initiatives
initiative-list-lead = Young people's ideas, from proposal to done, in public: support the ones you want to see happen.
initiative-mine-title = My initiatives
initiative-all = All initiatives
initiative-new = Propose an initiative
initiative-edit = Edit the initiative
initiative-any = Any
initiative-sort = Order
initiative-sort-newest = Newest first
initiative-sort-supports = Most supported first
initiative-filter = Show
initiative-none = No initiatives match.
initiative-count = { $count ->
    [one] { $count } initiative
   *[other] { $count } initiatives
}
initiative-supports = { $count ->
    [one] { $count } support
   *[other] { $count } supports
}
initiative-invitations = You are invited to these teams
initiative-status-draft = Draft
initiative-status-submitted = Submitted
initiative-status-under-review = Under review
initiative-status-accepted = Accepted
initiative-status-declined = Declined
initiative-status-in-progress = In progress
initiative-status-implemented = Implemented
initiative-status-withdrawn = Withdrawn
initiative-category-culture = Culture
initiative-category-education = Education
initiative-category-volunteering = Volunteering
initiative-category-ecology = Ecology
initiative-category-it = IT
initiative-category-sport = Sport
initiative-category-dialogue = Interethnic dialogue
initiative-category-other = Other
initiative-to-submitted = Submit for support
initiative-to-under-review = Take up for review
initiative-to-in-progress = Start the work
initiative-to-implemented = Mark as implemented
initiative-to-withdrawn = Withdraw the initiative
initiative-by = Proposed by { $name }
initiative-deleted-member = a deleted member
initiative-shown-in-other-language = Not written in your language; shown in the other one.
initiative-overdue = A promised answer is past its deadline.
initiative-overdue-since = due { $date }
initiative-late = Overdue
initiative-threshold-hint = { $count ->
    [one] At { $count } support the initiative goes to review.
   *[other] At { $count } supports the initiative goes to review.
}
initiative-you-support = You support this initiative.
initiative-support = Support
initiative-withdraw-support = Withdraw my support
initiative-login-to-support = Log in to support
initiative-supported = Thank you: your support is counted.
initiative-support-withdrawn = Your support is withdrawn.
initiative-saved = Saved.
initiative-attached = The file is attached.
initiative-actions = What you can do
initiative-step-comment = Comment (shown on the timeline, optional)
initiative-answer-heading = Official answer
initiative-answer-text-kk = Answer in Kazakh
initiative-answer-text-ru = Answer in Russian
initiative-decline-reason = Reason for declining
initiative-decline-reason-hint = Required when the initiative is declined.
initiative-responsible-hint = Who answers for carrying it out (required when accepted).
initiative-answer-submit = Publish the answer
initiative-official-answer = Official answer
initiative-answered-at = Answered
initiative-needs = What it needs
initiative-tenge = { $count } ₸
initiative-milestones = Milestones
initiative-progress = Progress: { $count } %
initiative-milestone-done = done
initiative-milestone-mark-done = Mark done
initiative-milestone-undo = Not done yet
initiative-milestone-add = Add a milestone
initiative-report = Final report
initiative-report-kk = Report in Kazakh
initiative-report-ru = Report in Russian
initiative-report-save = Save the report
initiative-links = Events and bookings
initiative-link-my-booking = One of my bookings
initiative-link-submit = Link to the initiative
initiative-team = Team
initiative-author = author
initiative-invited = invited
initiative-you-are-invited = You are invited to this initiative's team.
initiative-join = Join the team
initiative-decline-invitation = Decline
initiative-invite-email = Invite a member by their email
initiative-invite-hint = They join the team when they accept.
initiative-invite = Invite
initiative-attachments = Files
initiative-kb = { $count } KB
initiative-attachment-delete = Remove
initiative-attachment-choose = Image or PDF
initiative-attachment-hint = JPEG, PNG, WebP or PDF, at most 900 KB.
initiative-attachment-upload = Attach
initiative-raised-at = Raised with leadership
initiative-timeline = Timeline
initiative-by-threshold = enough supports
initiative-comments = Comments
initiative-reply = Reply
initiative-comment-send = Send
initiative-comment-new = Your comment
initiative-login-to-comment = Log in to comment
initiative-comment-edited = edited
initiative-comment-hidden-reports = Hidden after reports; a moderator will decide.
initiative-comment-hidden = Hidden by a moderator.
initiative-comment-edit = Edit
initiative-comment-save = Save
initiative-comment-report = Report abuse
initiative-moderation-reason = Reason
initiative-comment-restore = Restore
initiative-comment-hide = Hide
initiative-comment-reports = { $count ->
    [one] { $count } report
   *[other] { $count } reports
}
initiative-form-lead = Write in Kazakh, in Russian, or in both. It stays a draft, seen only by you and your team, until you submit it.
initiative-two-languages-hint = At least one of the two.
initiative-in-kazakh = In Kazakh
initiative-in-russian = In Russian
initiative-markdown-hint = Markdown: **bold**, *italic*, lists, links.
initiative-unit-hint = The unit whose coordinators review it.
initiative-budget-hint = In tenge, whole numbers.
initiative-save = Save
initiative-save-draft = Save the draft

meeting-list-title = Sessions and meetings with leadership
meeting-list-lead = Where young people raised their initiatives, what was decided, who answers and by when.
meeting-none = No records yet.
meeting-kind-assembly-session = Assembly session
meeting-kind-akim-meeting = Meeting with the akim
meeting-kind-other = Meeting
meeting-participants = Participants
meeting-items = Initiatives raised
meeting-no-items = No initiatives recorded.
meeting-decision = Decision

notice-initiative-status-submitted = «{ $title }» was submitted and is open for support.
notice-initiative-status-under-review = «{ $title }» is under review.
notice-initiative-status-accepted = «{ $title }» was accepted.
notice-initiative-status-declined = «{ $title }» was declined.
notice-initiative-status-in-progress = Work on «{ $title }» has started.
notice-initiative-status-implemented = «{ $title }» is implemented.
notice-initiative-status-withdrawn = «{ $title }» was withdrawn by its author.
notice-initiative-invited = { $name } invites you to the team of «{ $title }».

## The meeting record form (staff)
meeting-form-new = Record a session or meeting
meeting-form-edit = Edit the record
meeting-form-back = Back to the record
meeting-form-lead = Who was there, which initiatives were raised, what was decided about each, who answers and by when.
meeting-form-unit-hint = The unit that keeps this record: its coordinators and admins may edit it.
meeting-form-typed-participants = Participants by name
meeting-form-typed-participants-hint = One person a line; a position after a comma, for example: Asel Nurlanovna, deputy akim of the region.
meeting-form-linked-participants = Participants who are members
meeting-form-linked-participants-hint = Choose the members of Ortaq who were there (hold Ctrl or ⌘ to choose several).
meeting-form-rows-hint = One row for each initiative raised; empty rows are left out. Need more rows? Press "Add a row".
meeting-form-row = Row { $count }
meeting-form-no-initiative = — choose an initiative —
meeting-form-no-member = — nobody from the list —
meeting-form-decision-kk = Decision in Kazakh
meeting-form-decision-ru = Decision in Russian
meeting-form-add-row = Add a row
meeting-form-save = Save the record
meeting-form-saved = The record is saved.

## Links to events and bookings on the initiative page
initiative-links-none = No event or booking carries this initiative out yet.
initiative-linked-event = Event
initiative-linked-booking = Booking
initiative-book-resource = Space to book
initiative-book-space = Book a space for this initiative
initiative-create-event = Create an event for this initiative
initiative-booked-linked = The booking is made and linked to this initiative.
initiative-booking-for = This booking will be linked to the initiative
initiative-event-for = This event will be linked to the initiative
initiative-comment-earlier-versions = { $count ->
    [one] Edited: the earlier version
   *[other] Edited: { $count } earlier versions
}
initiative-comment-replaced-at = Replaced { $date }

## Support thresholds (admins)
initiative-settings-title = Support thresholds
initiative-settings-lead = The number of supports that sends a submitted initiative to review. A unit without its own threshold takes the one of the unit above it, else { $count }.
initiative-settings-saved = The threshold is saved.
initiative-settings-in-force = In force
initiative-settings-own = The unit's own threshold
initiative-settings-inherited = from the unit above
initiative-settings-default = by default
initiative-settings-save = Save
initiative-settings-clear-hint = Leave the field empty and save to clear a unit's own threshold.
initiative-settings-tile = How many supports send an initiative to review, per unit.
