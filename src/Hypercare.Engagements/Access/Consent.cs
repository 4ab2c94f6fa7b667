namespace Hypercare.Engagements.Access;

/// <summary>What the customer provides so that the work can start.</summary>
public enum PrerequisiteKind
{
    /// <summary>Sites where on-site work happens.</summary>
    Sites,
    /// <summary>Equipment the team needs.</summary>
    Equipment,
    /// <summary>Permissions on the customer's cloud accounts and systems.</summary>
    Permissions,
    /// <summary>Non-production environments to work in.</summary>
    NonProductionEnvironments,
    /// <summary>Channels for remote access.</summary>
    RemoteAccessChannels,
    /// <summary>Business objectives: peak traffic, concurrency and the like.</summary>
    BusinessObjectives,
    /// <summary>A stress-testing environment; needed only for stress testing.</summary>
    StressTestingEnvironment,
}

/// <summary>What the customer authorizes the provider to do on its systems.</summary>
public enum AuthorizationKind
{
    /// <summary>Configure Anti-DDoS parameters and protection bandwidth.</summary>
    AntiDdosConfiguration,
    /// <summary>Scan systems and web applications for vulnerabilities and check port security.</summary>
    VulnerabilityAndPortScanning,
    /// <summary>Detect viruses and trojans.</summary>
    VirusDetection,
    /// <summary>Monitor the system 24/7 and analyse security events.</summary>
    MonitoringAndSecurityEventAnalysis,
}

/// <summary>Something the provider does to the customer's systems, which needs consent first.</summary>
public enum Activity
{
    /// <summary>Send load to a target.</summary>
    StressTest,
    /// <summary>Scan for vulnerabilities (TLS, HTTP headers, web application).</summary>
    VulnerabilityScan,
    /// <summary>Connect-scan ports.</summary>
    PortScan,
    /// <summary>Scan hosts for viruses and trojans.</summary>
    VirusScan,
    /// <summary>Change Anti-DDoS parameters or protection bandwidth.</summary>
    AntiDdosConfiguration,
    /// <summary>Watch the system 24/7 and analyse its security events.</summary>
    Monitoring,
}

/// <summary>A prerequisite as recorded: who provided it and when.</summary>
public sealed record ProvidedPrerequisite(PrerequisiteKind Kind, string By, DateTimeOffset At, string? Note);

/// <summary>An authorization as recorded: who granted it, when, and the reference to the signed consent.</summary>
public sealed record GrantedAuthorization(AuthorizationKind Kind, string By, DateTimeOffset At, string? Reference);

/// <summary>The six prerequisites that implementation needs, and what each activity needs.</summary>
public static class Consent
{
    /// <summary>What the customer provides before implementation can start (stress testing adds its environment).</summary>
    public static IReadOnlyList<PrerequisiteKind> NeededForImplementation { get; } =
    [
        PrerequisiteKind.Sites, PrerequisiteKind.Equipment, PrerequisiteKind.Permissions,
        PrerequisiteKind.NonProductionEnvironments, PrerequisiteKind.RemoteAccessChannels, PrerequisiteKind.BusinessObjectives,
    ];

    /// <summary>The authorization an activity needs, if any.</summary>
    public static AuthorizationKind? AuthorizationFor(Activity activity) => activity switch
    {
        Activity.VulnerabilityScan or Activity.PortScan => AuthorizationKind.VulnerabilityAndPortScanning,
        Activity.VirusScan => AuthorizationKind.VirusDetection,
        Activity.AntiDdosConfiguration => AuthorizationKind.AntiDdosConfiguration,
        Activity.Monitoring => AuthorizationKind.MonitoringAndSecurityEventAnalysis,
        _ => null,
    };

    /// <summary>The prerequisite an activity needs, if any.</summary>
    public static PrerequisiteKind? PrerequisiteFor(Activity activity) =>
        activity == Activity.StressTest ? PrerequisiteKind.StressTestingEnvironment : null;

    /// <summary>The service an activity belongs to, which the edition must include.</summary>
    public static Catalog.ServiceKind ServiceOf(Activity activity) => activity switch
    {
        Activity.StressTest => Catalog.ServiceKind.StressTesting,
        Activity.VulnerabilityScan or Activity.PortScan or Activity.VirusScan => Catalog.ServiceKind.SecurityHardeningPlanning,
        Activity.AntiDdosConfiguration => Catalog.ServiceKind.TrafficProtectionPlanning,
        _ => Catalog.ServiceKind.EmergencyResponseChat,
    };
}
