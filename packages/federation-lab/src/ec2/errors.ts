/** An EC2 API error: rendered as the real `<Response><Errors>` XML with this HTTP status. */
export class Ec2Error extends Error {
  constructor(readonly code: string, message: string, readonly status = 400) {
    super(message);
    this.name = 'Ec2Error';
  }
}
