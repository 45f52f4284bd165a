/// Which operations a SIS import can carry out exactly as the API path would, and why the
/// others cannot. The rest of the SIS path relies on this: the CSV builder only sees
/// operations this accepts.
///
/// A CSV names every object by SIS id, so objects without one stay on the API: courses
/// adopted by `canvas_id`, users keyed by login (`policy.user_key: login`), enrollments of
/// users easel does not know (`canvas:ID`), and sub-accounts without a SIS id. Some changes
/// have no CSV form: unpublishing (status `active` leaves a published course published),
/// a login change (a users.csv row renames the login holding the SIS id, which need not be
/// the one the plan names), and enrollments in a section without SIS id other than the
/// default one.
enum SISExpressibility {
    /// nil when a SIS import can carry `op` out; else why it goes through the API.
    static func apiReason(_ op: PlanOperation, _ context: SISContext) -> String? {
        op.kind.resource.sisReason(op, context)
    }





}
