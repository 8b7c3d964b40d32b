/** The caller's If-Match names a version the package is no longer at: 412, nothing changed. */
export class PreconditionFailed extends Error {
  constructor(readonly currentVersion: number) {
    super(`The package is at version ${currentVersion}, not the one in If-Match; nothing was changed. Read it again and decide on what it is now.`);
    this.name = "PreconditionFailed";
  }
}
