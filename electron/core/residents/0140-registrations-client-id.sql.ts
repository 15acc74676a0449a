/**
 * 0140: a registration made on a gate phone carries an id the phone made (a UUID), so a
 * registration queued while the LAN was down and sent again after a lost reply is stored
 * once. Registrations typed at the office PC have none.
 */
export default /* sql */ `
ALTER TABLE registrations ADD COLUMN client_id TEXT;
CREATE UNIQUE INDEX registrations_client_id ON registrations (client_id) WHERE client_id IS NOT NULL;
`;
