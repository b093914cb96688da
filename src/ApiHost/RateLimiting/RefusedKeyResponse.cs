namespace GridTokenX.ApiHost.RateLimiting;

public sealed record RefusedKeyResponse(string Key, long Refused);
