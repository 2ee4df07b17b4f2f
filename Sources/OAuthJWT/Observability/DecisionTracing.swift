import Tracing

/// The optional span around a decision (``BearerTokenAuthenticator/Configuration/tracesDecisions``).
enum DecisionTracing {
    /// The span's operation name.
    static let operationName = "oauth_jwt.authenticate"

    /// The tracer bootstrapped with swift-distributed-tracing (or bound with `withTracer`), or `nil` when there is
    /// none: then no span is made at all.
    static var activeTracer: (any Tracer)? {
        let tracer = InstrumentationSystem.tracer
        return tracer is NoOpTracer ? nil : tracer
    }

    /// Runs `decide` in a span, records the decision in `metrics`, and puts the outcome on the span as attributes
    /// (`oauth_jwt.stage`, `oauth_jwt.outcome`, `oauth_jwt.reason`: fixed codes, never token content).
    static func trace(
        with tracer: any Tracer, stage: DecisionMetrics.Stage, metrics: DecisionMetrics,
        _ decide: () async -> BearerAuthenticationResult
    ) async -> BearerAuthenticationResult {
        // `withSpan` makes the span the current one, so a key fetch the decision waits for becomes its child.
        await tracer.withSpan(operationName, ofKind: .internal) { span in
            let result = await decide()
            metrics.record(result)
            span.attributes["oauth_jwt.stage"] = stage.rawValue
            switch result {
            case .authorized:
                span.attributes["oauth_jwt.outcome"] = "authorized"
            case .rejected(let rejection):
                span.attributes["oauth_jwt.outcome"] = rejection.reason.outcome
                span.attributes["oauth_jwt.reason"] = rejection.reason.cause
            }
            return result
        }
    }
}
