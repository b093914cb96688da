namespace GridTokenX.ApiHost.Realtime;

public enum ChannelDecision
{
    Allowed,
    Forbidden,
    Invalid,
}
