/**
 * A command that cannot do what was asked, for a reason the member can act on: its message is the
 * whole answer (one short sentence), shown privately. Anything else thrown is a failure on our side.
 */
export class Refused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Refused";
  }
}
