-- Live chat: every new message of a conversation is announced on the `baton_chat` channel with its
-- conversation id, whoever wrote it (the lead's turn, the agent, a person in the console, a job), so each
-- app process's one LISTEN connection can wake the widgets and package pages following that conversation.
-- NOTIFY is delivered at commit, and only if the transaction commits.
CREATE OR REPLACE FUNCTION announce_chat_message() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('baton_chat', NEW.conversation_id::text);
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER messages_announce AFTER INSERT ON messages
  FOR EACH ROW EXECUTE FUNCTION announce_chat_message();
