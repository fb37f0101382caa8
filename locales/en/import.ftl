import-title = Import members from CSV
import-link = Import from CSV
export-csv = Download CSV
export-xlsx = Download Excel (XLSX)
export-column-status = Status
export-status-active = active
export-left-out = { $count ->
    [one] { $count } member is left out of exports: their consent does not allow it.
   *[other] { $count } members are left out of exports: their consent does not allow it.
}
import-done = { $count ->
    [one] { $count } member imported.
   *[other] { $count } members imported.
}
import-done-pending = { $count ->
    [one] { $count } of them is under 18: the membership awaits a coordinator's confirmation.
   *[other] { $count } of them are under 18: their memberships await a coordinator's confirmation.
}
import-sensitive = Members of an ethnocultural association join only with their own separate consent, so they cannot be imported. Ask them to send a request to join.
import-file-heading = The spreadsheet
import-change = Check another version
import-intro = Save the spreadsheet as CSV (UTF-8) and choose the file, or paste its text below. The first row names the columns.
import-limits = At most { $count } rows and 1 MB per file.
import-file = CSV file
import-file-loaded = The file has been read into the field below. Press “Check the file” to see the preview.
import-file-too-large = This file is too large: at most 1 MB. Split it into parts.
import-text = CSV text
import-text-hint = Columns separated by commas, semicolons or tabs; the first row names them.
import-nothing-written = Checking saves nothing: first you see every row and its errors.
import-preview-submit = Check the file
import-preview = Preview
import-ok-rows = Rows ready to import: { $count }.
import-bad-rows = Rows with errors: { $count }.
import-ready = Every row is correct. Check the list, then confirm the import.
import-fix = Nothing has been saved. Correct these rows in the spreadsheet and check the file again: the import saves all rows or none.
import-ignored-columns = These columns are not imported: { $name }.
import-rows-ready = Rows to import
import-rows-bad = Rows with errors
import-row = Row
import-errors = Errors
import-minor-pending = Under 18: the membership awaits a coordinator's confirmation.
import-commit-submit = Import members: { $count }
import-consent-note = An import by staff is not the person's consent: imported members are asked to accept the consent to the processing of their personal data when they first log in. They are not shown in the members' directory.
import-password-note = Nobody knows the password of an imported account: members set their own through a password reset or with an administrator's help.
import-columns = Columns
import-required = required
import-column-full-name = full_name, ФИО, Аты-жөні
import-column-email = email, Электронная почта, Электрондық пошта
import-column-phone = phone, Телефон: a Kazakhstan number written in any usual way, for example 8 701 234 56 78
import-column-birth-date = birth_date, Дата рождения, Туған күні: YYYY-MM-DD or DD.MM.YYYY
import-column-city = city, Город, Қала
import-column-position = position, Должность, Лауазымы: member, coordinator, chair, youth deputy or deputy head, in any of the three languages; empty means member
import-column-unit = unit, Подразделение, Бөлімше: a number or an exact name from the list below; empty means this unit
import-units = Units you can import into
import-unit-number = Number
field-csv = CSV file
invalid-csv-unreadable = { $field }: the file could not be read as CSV.
invalid-csv-missing-columns = { $field }: the first row must name at least the columns full name, email, phone and date of birth.
invalid-csv-duplicate-column = { $field }: the first row names the same column twice.
invalid-csv-no-rows = { $field }: the file has a header row but no members.
invalid-too-many-rows = { $field }: at most { $limit } rows per file. Split it into parts.
invalid-unknown-unit = { $field }: there is no unit with this number or name.
invalid-unit-outside = { $field }: this unit is neither the one you import into nor one of its subunits.
invalid-ambiguous-unit = { $field }: several units have this name; write the unit's number instead.
invalid-sensitive-unit = { $field }: members of an ethnocultural association join only with their own consent and cannot be imported.
invalid-account-exists = { $field }: an account with this email exists already.
invalid-duplicate-in-file = { $field }: the same as in row { $limit } of this file.
