-- Log review: list views name the persons shown in details.personIds; index them for "who accessed X".
CREATE INDEX audit_event_person_ids_idx ON audit_event USING gin ((details -> 'personIds'));
