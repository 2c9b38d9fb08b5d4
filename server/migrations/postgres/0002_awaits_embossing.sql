-- Whether some embossing run could take the card (`EmbossingRecord::awaits_embossing`), so a run
-- claims its candidates by index instead of reading every card. Rows written before this column
-- start at 1, "maybe": a superset is safe, and the next save of each card sets the exact value.
ALTER TABLE cards ADD COLUMN awaits_embossing BIGINT NOT NULL DEFAULT 1;
CREATE INDEX cards_awaits_embossing ON cards (awaits_embossing, id);
