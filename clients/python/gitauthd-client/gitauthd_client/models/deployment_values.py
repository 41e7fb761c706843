from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dangerous_config import DangerousConfig
    from ..models.derp import DERP
    from ..models.healthcheck_config import HealthcheckConfig
    from ..models.logging_config import LoggingConfig
    from ..models.notifications_config import NotificationsConfig
    from ..models.o_auth_2_config import OAuth2Config
    from ..models.oidc_config import OIDCConfig
    from ..models.pprof_config import PprofConfig
    from ..models.prometheus_config import PrometheusConfig
    from ..models.provisioner_config import ProvisionerConfig
    from ..models.rate_limit_config import RateLimitConfig
    from ..models.serpent_host_port import SerpentHostPort
    from ..models.serpent_struct_external_auth_configs import SerpentStructExternalAuthConfigs
    from ..models.serpent_url import SerpentURL
    from ..models.session_lifetime import SessionLifetime
    from ..models.ssh_config import SSHConfig
    from ..models.support_config import SupportConfig
    from ..models.swagger_config import SwaggerConfig
    from ..models.telemetry_config import TelemetryConfig
    from ..models.tls_config import TLSConfig
    from ..models.trace_config import TraceConfig
    from ..models.user_quiet_hours_schedule_config import UserQuietHoursScheduleConfig


T = TypeVar("T", bound="DeploymentValues")


@_attrs_define
class DeploymentValues:
    """The deployment configuration as values. Durations are nanoseconds. Secret values are
    blanked. Options that gitauthd does not use are reported with their zero value or left out.

        Attributes:
            access_url (SerpentURL | Unset): A URL as its parts (Go's `net/url.URL`).
            additional_csp_policy (list[str] | Unset):
            address (SerpentHostPort | Unset): A network address as host and port.
            agent_fallback_troubleshooting_url (SerpentURL | Unset): A URL as its parts (Go's `net/url.URL`).
            agent_stat_refresh_interval (int | Unset): Duration in nanoseconds.
            allow_workspace_renames (bool | Unset):
            autobuild_poll_interval (int | Unset): Duration in nanoseconds.
            browser_only (bool | Unset):
            cache_directory (str | Unset):
            cli_upgrade_message (str | Unset):
            config (str | Unset): Path of the YAML configuration file.
            config_ssh (SSHConfig | Unset):
            dangerous (DangerousConfig | Unset):
            derp (DERP | Unset):
            disable_owner_workspace_exec (bool | Unset):
            disable_password_auth (bool | Unset):
            disable_path_apps (bool | Unset):
            docs_url (SerpentURL | Unset): A URL as its parts (Go's `net/url.URL`).
            enable_terraform_debug_mode (bool | Unset):
            ephemeral_deployment (bool | Unset):
            experiments (list[str] | Unset):
            external_auth (SerpentStructExternalAuthConfigs | Unset): The configured external auth providers.
            external_token_encryption_keys (list[str] | Unset): Secret; always blanked.
            healthcheck (HealthcheckConfig | Unset):
            http_address (str | Unset):
            in_memory_database (bool | Unset):
            job_hang_detector_interval (int | Unset): Duration in nanoseconds.
            logging (LoggingConfig | Unset):
            metrics_cache_refresh_interval (int | Unset): Interval of the periodic deployment stats collector, in
                nanoseconds.
            notifications (NotificationsConfig | Unset):
            oauth2 (OAuth2Config | Unset):
            oidc (OIDCConfig | Unset):
            pg_auth (str | Unset):
            pg_connection_url (str | Unset): Secret; always blanked.
            pprof (PprofConfig | Unset):
            prometheus (PrometheusConfig | Unset):
            provisioner (ProvisionerConfig | Unset):
            proxy_health_status_interval (int | Unset): Duration in nanoseconds.
            proxy_trusted_headers (list[str] | Unset):
            proxy_trusted_origins (list[str] | Unset):
            rate_limit (RateLimitConfig | Unset):
            redirect_to_access_url (bool | Unset):
            scim_api_key (str | Unset): Secret; always blanked.
            secure_auth_cookie (bool | Unset):
            session_lifetime (SessionLifetime | Unset):
            ssh_keygen_algorithm (str | Unset):
            strict_transport_security (int | Unset): HSTS max-age in seconds; 0 disables the header.
            strict_transport_security_options (list[str] | Unset):
            support (SupportConfig | Unset):
            swagger (SwaggerConfig | Unset):
            telemetry (TelemetryConfig | Unset):
            terms_of_service_url (str | Unset):
            tls (TLSConfig | Unset):
            trace (TraceConfig | Unset):
            update_check (bool | Unset):
            user_quiet_hours_schedule (UserQuietHoursScheduleConfig | Unset):
            verbose (bool | Unset):
            web_terminal_renderer (str | Unset):
            wgtunnel_host (str | Unset):
            wildcard_access_url (str | Unset):
            write_config (bool | Unset):
    """

    access_url: SerpentURL | Unset = UNSET
    additional_csp_policy: list[str] | Unset = UNSET
    address: SerpentHostPort | Unset = UNSET
    agent_fallback_troubleshooting_url: SerpentURL | Unset = UNSET
    agent_stat_refresh_interval: int | Unset = UNSET
    allow_workspace_renames: bool | Unset = UNSET
    autobuild_poll_interval: int | Unset = UNSET
    browser_only: bool | Unset = UNSET
    cache_directory: str | Unset = UNSET
    cli_upgrade_message: str | Unset = UNSET
    config: str | Unset = UNSET
    config_ssh: SSHConfig | Unset = UNSET
    dangerous: DangerousConfig | Unset = UNSET
    derp: DERP | Unset = UNSET
    disable_owner_workspace_exec: bool | Unset = UNSET
    disable_password_auth: bool | Unset = UNSET
    disable_path_apps: bool | Unset = UNSET
    docs_url: SerpentURL | Unset = UNSET
    enable_terraform_debug_mode: bool | Unset = UNSET
    ephemeral_deployment: bool | Unset = UNSET
    experiments: list[str] | Unset = UNSET
    external_auth: SerpentStructExternalAuthConfigs | Unset = UNSET
    external_token_encryption_keys: list[str] | Unset = UNSET
    healthcheck: HealthcheckConfig | Unset = UNSET
    http_address: str | Unset = UNSET
    in_memory_database: bool | Unset = UNSET
    job_hang_detector_interval: int | Unset = UNSET
    logging: LoggingConfig | Unset = UNSET
    metrics_cache_refresh_interval: int | Unset = UNSET
    notifications: NotificationsConfig | Unset = UNSET
    oauth2: OAuth2Config | Unset = UNSET
    oidc: OIDCConfig | Unset = UNSET
    pg_auth: str | Unset = UNSET
    pg_connection_url: str | Unset = UNSET
    pprof: PprofConfig | Unset = UNSET
    prometheus: PrometheusConfig | Unset = UNSET
    provisioner: ProvisionerConfig | Unset = UNSET
    proxy_health_status_interval: int | Unset = UNSET
    proxy_trusted_headers: list[str] | Unset = UNSET
    proxy_trusted_origins: list[str] | Unset = UNSET
    rate_limit: RateLimitConfig | Unset = UNSET
    redirect_to_access_url: bool | Unset = UNSET
    scim_api_key: str | Unset = UNSET
    secure_auth_cookie: bool | Unset = UNSET
    session_lifetime: SessionLifetime | Unset = UNSET
    ssh_keygen_algorithm: str | Unset = UNSET
    strict_transport_security: int | Unset = UNSET
    strict_transport_security_options: list[str] | Unset = UNSET
    support: SupportConfig | Unset = UNSET
    swagger: SwaggerConfig | Unset = UNSET
    telemetry: TelemetryConfig | Unset = UNSET
    terms_of_service_url: str | Unset = UNSET
    tls: TLSConfig | Unset = UNSET
    trace: TraceConfig | Unset = UNSET
    update_check: bool | Unset = UNSET
    user_quiet_hours_schedule: UserQuietHoursScheduleConfig | Unset = UNSET
    verbose: bool | Unset = UNSET
    web_terminal_renderer: str | Unset = UNSET
    wgtunnel_host: str | Unset = UNSET
    wildcard_access_url: str | Unset = UNSET
    write_config: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        access_url: dict[str, Any] | Unset = UNSET
        if not isinstance(self.access_url, Unset):
            access_url = self.access_url.to_dict()

        additional_csp_policy: list[str] | Unset = UNSET
        if not isinstance(self.additional_csp_policy, Unset):
            additional_csp_policy = self.additional_csp_policy

        address: dict[str, Any] | Unset = UNSET
        if not isinstance(self.address, Unset):
            address = self.address.to_dict()

        agent_fallback_troubleshooting_url: dict[str, Any] | Unset = UNSET
        if not isinstance(self.agent_fallback_troubleshooting_url, Unset):
            agent_fallback_troubleshooting_url = self.agent_fallback_troubleshooting_url.to_dict()

        agent_stat_refresh_interval = self.agent_stat_refresh_interval

        allow_workspace_renames = self.allow_workspace_renames

        autobuild_poll_interval = self.autobuild_poll_interval

        browser_only = self.browser_only

        cache_directory = self.cache_directory

        cli_upgrade_message = self.cli_upgrade_message

        config = self.config

        config_ssh: dict[str, Any] | Unset = UNSET
        if not isinstance(self.config_ssh, Unset):
            config_ssh = self.config_ssh.to_dict()

        dangerous: dict[str, Any] | Unset = UNSET
        if not isinstance(self.dangerous, Unset):
            dangerous = self.dangerous.to_dict()

        derp: dict[str, Any] | Unset = UNSET
        if not isinstance(self.derp, Unset):
            derp = self.derp.to_dict()

        disable_owner_workspace_exec = self.disable_owner_workspace_exec

        disable_password_auth = self.disable_password_auth

        disable_path_apps = self.disable_path_apps

        docs_url: dict[str, Any] | Unset = UNSET
        if not isinstance(self.docs_url, Unset):
            docs_url = self.docs_url.to_dict()

        enable_terraform_debug_mode = self.enable_terraform_debug_mode

        ephemeral_deployment = self.ephemeral_deployment

        experiments: list[str] | Unset = UNSET
        if not isinstance(self.experiments, Unset):
            experiments = self.experiments

        external_auth: dict[str, Any] | Unset = UNSET
        if not isinstance(self.external_auth, Unset):
            external_auth = self.external_auth.to_dict()

        external_token_encryption_keys: list[str] | Unset = UNSET
        if not isinstance(self.external_token_encryption_keys, Unset):
            external_token_encryption_keys = self.external_token_encryption_keys

        healthcheck: dict[str, Any] | Unset = UNSET
        if not isinstance(self.healthcheck, Unset):
            healthcheck = self.healthcheck.to_dict()

        http_address = self.http_address

        in_memory_database = self.in_memory_database

        job_hang_detector_interval = self.job_hang_detector_interval

        logging: dict[str, Any] | Unset = UNSET
        if not isinstance(self.logging, Unset):
            logging = self.logging.to_dict()

        metrics_cache_refresh_interval = self.metrics_cache_refresh_interval

        notifications: dict[str, Any] | Unset = UNSET
        if not isinstance(self.notifications, Unset):
            notifications = self.notifications.to_dict()

        oauth2: dict[str, Any] | Unset = UNSET
        if not isinstance(self.oauth2, Unset):
            oauth2 = self.oauth2.to_dict()

        oidc: dict[str, Any] | Unset = UNSET
        if not isinstance(self.oidc, Unset):
            oidc = self.oidc.to_dict()

        pg_auth = self.pg_auth

        pg_connection_url = self.pg_connection_url

        pprof: dict[str, Any] | Unset = UNSET
        if not isinstance(self.pprof, Unset):
            pprof = self.pprof.to_dict()

        prometheus: dict[str, Any] | Unset = UNSET
        if not isinstance(self.prometheus, Unset):
            prometheus = self.prometheus.to_dict()

        provisioner: dict[str, Any] | Unset = UNSET
        if not isinstance(self.provisioner, Unset):
            provisioner = self.provisioner.to_dict()

        proxy_health_status_interval = self.proxy_health_status_interval

        proxy_trusted_headers: list[str] | Unset = UNSET
        if not isinstance(self.proxy_trusted_headers, Unset):
            proxy_trusted_headers = self.proxy_trusted_headers

        proxy_trusted_origins: list[str] | Unset = UNSET
        if not isinstance(self.proxy_trusted_origins, Unset):
            proxy_trusted_origins = self.proxy_trusted_origins

        rate_limit: dict[str, Any] | Unset = UNSET
        if not isinstance(self.rate_limit, Unset):
            rate_limit = self.rate_limit.to_dict()

        redirect_to_access_url = self.redirect_to_access_url

        scim_api_key = self.scim_api_key

        secure_auth_cookie = self.secure_auth_cookie

        session_lifetime: dict[str, Any] | Unset = UNSET
        if not isinstance(self.session_lifetime, Unset):
            session_lifetime = self.session_lifetime.to_dict()

        ssh_keygen_algorithm = self.ssh_keygen_algorithm

        strict_transport_security = self.strict_transport_security

        strict_transport_security_options: list[str] | Unset = UNSET
        if not isinstance(self.strict_transport_security_options, Unset):
            strict_transport_security_options = self.strict_transport_security_options

        support: dict[str, Any] | Unset = UNSET
        if not isinstance(self.support, Unset):
            support = self.support.to_dict()

        swagger: dict[str, Any] | Unset = UNSET
        if not isinstance(self.swagger, Unset):
            swagger = self.swagger.to_dict()

        telemetry: dict[str, Any] | Unset = UNSET
        if not isinstance(self.telemetry, Unset):
            telemetry = self.telemetry.to_dict()

        terms_of_service_url = self.terms_of_service_url

        tls: dict[str, Any] | Unset = UNSET
        if not isinstance(self.tls, Unset):
            tls = self.tls.to_dict()

        trace: dict[str, Any] | Unset = UNSET
        if not isinstance(self.trace, Unset):
            trace = self.trace.to_dict()

        update_check = self.update_check

        user_quiet_hours_schedule: dict[str, Any] | Unset = UNSET
        if not isinstance(self.user_quiet_hours_schedule, Unset):
            user_quiet_hours_schedule = self.user_quiet_hours_schedule.to_dict()

        verbose = self.verbose

        web_terminal_renderer = self.web_terminal_renderer

        wgtunnel_host = self.wgtunnel_host

        wildcard_access_url = self.wildcard_access_url

        write_config = self.write_config

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if access_url is not UNSET:
            field_dict["access_url"] = access_url
        if additional_csp_policy is not UNSET:
            field_dict["additional_csp_policy"] = additional_csp_policy
        if address is not UNSET:
            field_dict["address"] = address
        if agent_fallback_troubleshooting_url is not UNSET:
            field_dict["agent_fallback_troubleshooting_url"] = agent_fallback_troubleshooting_url
        if agent_stat_refresh_interval is not UNSET:
            field_dict["agent_stat_refresh_interval"] = agent_stat_refresh_interval
        if allow_workspace_renames is not UNSET:
            field_dict["allow_workspace_renames"] = allow_workspace_renames
        if autobuild_poll_interval is not UNSET:
            field_dict["autobuild_poll_interval"] = autobuild_poll_interval
        if browser_only is not UNSET:
            field_dict["browser_only"] = browser_only
        if cache_directory is not UNSET:
            field_dict["cache_directory"] = cache_directory
        if cli_upgrade_message is not UNSET:
            field_dict["cli_upgrade_message"] = cli_upgrade_message
        if config is not UNSET:
            field_dict["config"] = config
        if config_ssh is not UNSET:
            field_dict["config_ssh"] = config_ssh
        if dangerous is not UNSET:
            field_dict["dangerous"] = dangerous
        if derp is not UNSET:
            field_dict["derp"] = derp
        if disable_owner_workspace_exec is not UNSET:
            field_dict["disable_owner_workspace_exec"] = disable_owner_workspace_exec
        if disable_password_auth is not UNSET:
            field_dict["disable_password_auth"] = disable_password_auth
        if disable_path_apps is not UNSET:
            field_dict["disable_path_apps"] = disable_path_apps
        if docs_url is not UNSET:
            field_dict["docs_url"] = docs_url
        if enable_terraform_debug_mode is not UNSET:
            field_dict["enable_terraform_debug_mode"] = enable_terraform_debug_mode
        if ephemeral_deployment is not UNSET:
            field_dict["ephemeral_deployment"] = ephemeral_deployment
        if experiments is not UNSET:
            field_dict["experiments"] = experiments
        if external_auth is not UNSET:
            field_dict["external_auth"] = external_auth
        if external_token_encryption_keys is not UNSET:
            field_dict["external_token_encryption_keys"] = external_token_encryption_keys
        if healthcheck is not UNSET:
            field_dict["healthcheck"] = healthcheck
        if http_address is not UNSET:
            field_dict["http_address"] = http_address
        if in_memory_database is not UNSET:
            field_dict["in_memory_database"] = in_memory_database
        if job_hang_detector_interval is not UNSET:
            field_dict["job_hang_detector_interval"] = job_hang_detector_interval
        if logging is not UNSET:
            field_dict["logging"] = logging
        if metrics_cache_refresh_interval is not UNSET:
            field_dict["metrics_cache_refresh_interval"] = metrics_cache_refresh_interval
        if notifications is not UNSET:
            field_dict["notifications"] = notifications
        if oauth2 is not UNSET:
            field_dict["oauth2"] = oauth2
        if oidc is not UNSET:
            field_dict["oidc"] = oidc
        if pg_auth is not UNSET:
            field_dict["pg_auth"] = pg_auth
        if pg_connection_url is not UNSET:
            field_dict["pg_connection_url"] = pg_connection_url
        if pprof is not UNSET:
            field_dict["pprof"] = pprof
        if prometheus is not UNSET:
            field_dict["prometheus"] = prometheus
        if provisioner is not UNSET:
            field_dict["provisioner"] = provisioner
        if proxy_health_status_interval is not UNSET:
            field_dict["proxy_health_status_interval"] = proxy_health_status_interval
        if proxy_trusted_headers is not UNSET:
            field_dict["proxy_trusted_headers"] = proxy_trusted_headers
        if proxy_trusted_origins is not UNSET:
            field_dict["proxy_trusted_origins"] = proxy_trusted_origins
        if rate_limit is not UNSET:
            field_dict["rate_limit"] = rate_limit
        if redirect_to_access_url is not UNSET:
            field_dict["redirect_to_access_url"] = redirect_to_access_url
        if scim_api_key is not UNSET:
            field_dict["scim_api_key"] = scim_api_key
        if secure_auth_cookie is not UNSET:
            field_dict["secure_auth_cookie"] = secure_auth_cookie
        if session_lifetime is not UNSET:
            field_dict["session_lifetime"] = session_lifetime
        if ssh_keygen_algorithm is not UNSET:
            field_dict["ssh_keygen_algorithm"] = ssh_keygen_algorithm
        if strict_transport_security is not UNSET:
            field_dict["strict_transport_security"] = strict_transport_security
        if strict_transport_security_options is not UNSET:
            field_dict["strict_transport_security_options"] = strict_transport_security_options
        if support is not UNSET:
            field_dict["support"] = support
        if swagger is not UNSET:
            field_dict["swagger"] = swagger
        if telemetry is not UNSET:
            field_dict["telemetry"] = telemetry
        if terms_of_service_url is not UNSET:
            field_dict["terms_of_service_url"] = terms_of_service_url
        if tls is not UNSET:
            field_dict["tls"] = tls
        if trace is not UNSET:
            field_dict["trace"] = trace
        if update_check is not UNSET:
            field_dict["update_check"] = update_check
        if user_quiet_hours_schedule is not UNSET:
            field_dict["user_quiet_hours_schedule"] = user_quiet_hours_schedule
        if verbose is not UNSET:
            field_dict["verbose"] = verbose
        if web_terminal_renderer is not UNSET:
            field_dict["web_terminal_renderer"] = web_terminal_renderer
        if wgtunnel_host is not UNSET:
            field_dict["wgtunnel_host"] = wgtunnel_host
        if wildcard_access_url is not UNSET:
            field_dict["wildcard_access_url"] = wildcard_access_url
        if write_config is not UNSET:
            field_dict["write_config"] = write_config

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dangerous_config import DangerousConfig  # noqa: PLC0415
        from ..models.derp import DERP  # noqa: PLC0415
        from ..models.healthcheck_config import HealthcheckConfig  # noqa: PLC0415
        from ..models.logging_config import LoggingConfig  # noqa: PLC0415
        from ..models.notifications_config import NotificationsConfig  # noqa: PLC0415
        from ..models.o_auth_2_config import OAuth2Config  # noqa: PLC0415
        from ..models.oidc_config import OIDCConfig  # noqa: PLC0415
        from ..models.pprof_config import PprofConfig  # noqa: PLC0415
        from ..models.prometheus_config import PrometheusConfig  # noqa: PLC0415
        from ..models.provisioner_config import ProvisionerConfig  # noqa: PLC0415
        from ..models.rate_limit_config import RateLimitConfig  # noqa: PLC0415
        from ..models.serpent_host_port import SerpentHostPort  # noqa: PLC0415
        from ..models.serpent_struct_external_auth_configs import SerpentStructExternalAuthConfigs  # noqa: PLC0415
        from ..models.serpent_url import SerpentURL  # noqa: PLC0415
        from ..models.session_lifetime import SessionLifetime  # noqa: PLC0415
        from ..models.ssh_config import SSHConfig  # noqa: PLC0415
        from ..models.support_config import SupportConfig  # noqa: PLC0415
        from ..models.swagger_config import SwaggerConfig  # noqa: PLC0415
        from ..models.telemetry_config import TelemetryConfig  # noqa: PLC0415
        from ..models.tls_config import TLSConfig  # noqa: PLC0415
        from ..models.trace_config import TraceConfig  # noqa: PLC0415
        from ..models.user_quiet_hours_schedule_config import UserQuietHoursScheduleConfig  # noqa: PLC0415

        d = dict(src_dict)
        _access_url = d.pop("access_url", UNSET)
        access_url: SerpentURL | Unset
        if isinstance(_access_url, Unset):
            access_url = UNSET
        else:
            access_url = SerpentURL.from_dict(_access_url)

        additional_csp_policy = cast(list[str], d.pop("additional_csp_policy", UNSET))

        _address = d.pop("address", UNSET)
        address: SerpentHostPort | Unset
        if isinstance(_address, Unset):
            address = UNSET
        else:
            address = SerpentHostPort.from_dict(_address)

        _agent_fallback_troubleshooting_url = d.pop("agent_fallback_troubleshooting_url", UNSET)
        agent_fallback_troubleshooting_url: SerpentURL | Unset
        if isinstance(_agent_fallback_troubleshooting_url, Unset):
            agent_fallback_troubleshooting_url = UNSET
        else:
            agent_fallback_troubleshooting_url = SerpentURL.from_dict(_agent_fallback_troubleshooting_url)

        agent_stat_refresh_interval = d.pop("agent_stat_refresh_interval", UNSET)

        allow_workspace_renames = d.pop("allow_workspace_renames", UNSET)

        autobuild_poll_interval = d.pop("autobuild_poll_interval", UNSET)

        browser_only = d.pop("browser_only", UNSET)

        cache_directory = d.pop("cache_directory", UNSET)

        cli_upgrade_message = d.pop("cli_upgrade_message", UNSET)

        config = d.pop("config", UNSET)

        _config_ssh = d.pop("config_ssh", UNSET)
        config_ssh: SSHConfig | Unset
        if isinstance(_config_ssh, Unset):
            config_ssh = UNSET
        else:
            config_ssh = SSHConfig.from_dict(_config_ssh)

        _dangerous = d.pop("dangerous", UNSET)
        dangerous: DangerousConfig | Unset
        if isinstance(_dangerous, Unset):
            dangerous = UNSET
        else:
            dangerous = DangerousConfig.from_dict(_dangerous)

        _derp = d.pop("derp", UNSET)
        derp: DERP | Unset
        if isinstance(_derp, Unset):
            derp = UNSET
        else:
            derp = DERP.from_dict(_derp)

        disable_owner_workspace_exec = d.pop("disable_owner_workspace_exec", UNSET)

        disable_password_auth = d.pop("disable_password_auth", UNSET)

        disable_path_apps = d.pop("disable_path_apps", UNSET)

        _docs_url = d.pop("docs_url", UNSET)
        docs_url: SerpentURL | Unset
        if isinstance(_docs_url, Unset):
            docs_url = UNSET
        else:
            docs_url = SerpentURL.from_dict(_docs_url)

        enable_terraform_debug_mode = d.pop("enable_terraform_debug_mode", UNSET)

        ephemeral_deployment = d.pop("ephemeral_deployment", UNSET)

        experiments = cast(list[str], d.pop("experiments", UNSET))

        _external_auth = d.pop("external_auth", UNSET)
        external_auth: SerpentStructExternalAuthConfigs | Unset
        if isinstance(_external_auth, Unset):
            external_auth = UNSET
        else:
            external_auth = SerpentStructExternalAuthConfigs.from_dict(_external_auth)

        external_token_encryption_keys = cast(list[str], d.pop("external_token_encryption_keys", UNSET))

        _healthcheck = d.pop("healthcheck", UNSET)
        healthcheck: HealthcheckConfig | Unset
        if isinstance(_healthcheck, Unset):
            healthcheck = UNSET
        else:
            healthcheck = HealthcheckConfig.from_dict(_healthcheck)

        http_address = d.pop("http_address", UNSET)

        in_memory_database = d.pop("in_memory_database", UNSET)

        job_hang_detector_interval = d.pop("job_hang_detector_interval", UNSET)

        _logging = d.pop("logging", UNSET)
        logging: LoggingConfig | Unset
        if isinstance(_logging, Unset):
            logging = UNSET
        else:
            logging = LoggingConfig.from_dict(_logging)

        metrics_cache_refresh_interval = d.pop("metrics_cache_refresh_interval", UNSET)

        _notifications = d.pop("notifications", UNSET)
        notifications: NotificationsConfig | Unset
        if isinstance(_notifications, Unset):
            notifications = UNSET
        else:
            notifications = NotificationsConfig.from_dict(_notifications)

        _oauth2 = d.pop("oauth2", UNSET)
        oauth2: OAuth2Config | Unset
        if isinstance(_oauth2, Unset):
            oauth2 = UNSET
        else:
            oauth2 = OAuth2Config.from_dict(_oauth2)

        _oidc = d.pop("oidc", UNSET)
        oidc: OIDCConfig | Unset
        if isinstance(_oidc, Unset):
            oidc = UNSET
        else:
            oidc = OIDCConfig.from_dict(_oidc)

        pg_auth = d.pop("pg_auth", UNSET)

        pg_connection_url = d.pop("pg_connection_url", UNSET)

        _pprof = d.pop("pprof", UNSET)
        pprof: PprofConfig | Unset
        if isinstance(_pprof, Unset):
            pprof = UNSET
        else:
            pprof = PprofConfig.from_dict(_pprof)

        _prometheus = d.pop("prometheus", UNSET)
        prometheus: PrometheusConfig | Unset
        if isinstance(_prometheus, Unset):
            prometheus = UNSET
        else:
            prometheus = PrometheusConfig.from_dict(_prometheus)

        _provisioner = d.pop("provisioner", UNSET)
        provisioner: ProvisionerConfig | Unset
        if isinstance(_provisioner, Unset):
            provisioner = UNSET
        else:
            provisioner = ProvisionerConfig.from_dict(_provisioner)

        proxy_health_status_interval = d.pop("proxy_health_status_interval", UNSET)

        proxy_trusted_headers = cast(list[str], d.pop("proxy_trusted_headers", UNSET))

        proxy_trusted_origins = cast(list[str], d.pop("proxy_trusted_origins", UNSET))

        _rate_limit = d.pop("rate_limit", UNSET)
        rate_limit: RateLimitConfig | Unset
        if isinstance(_rate_limit, Unset):
            rate_limit = UNSET
        else:
            rate_limit = RateLimitConfig.from_dict(_rate_limit)

        redirect_to_access_url = d.pop("redirect_to_access_url", UNSET)

        scim_api_key = d.pop("scim_api_key", UNSET)

        secure_auth_cookie = d.pop("secure_auth_cookie", UNSET)

        _session_lifetime = d.pop("session_lifetime", UNSET)
        session_lifetime: SessionLifetime | Unset
        if isinstance(_session_lifetime, Unset):
            session_lifetime = UNSET
        else:
            session_lifetime = SessionLifetime.from_dict(_session_lifetime)

        ssh_keygen_algorithm = d.pop("ssh_keygen_algorithm", UNSET)

        strict_transport_security = d.pop("strict_transport_security", UNSET)

        strict_transport_security_options = cast(list[str], d.pop("strict_transport_security_options", UNSET))

        _support = d.pop("support", UNSET)
        support: SupportConfig | Unset
        if isinstance(_support, Unset):
            support = UNSET
        else:
            support = SupportConfig.from_dict(_support)

        _swagger = d.pop("swagger", UNSET)
        swagger: SwaggerConfig | Unset
        if isinstance(_swagger, Unset):
            swagger = UNSET
        else:
            swagger = SwaggerConfig.from_dict(_swagger)

        _telemetry = d.pop("telemetry", UNSET)
        telemetry: TelemetryConfig | Unset
        if isinstance(_telemetry, Unset):
            telemetry = UNSET
        else:
            telemetry = TelemetryConfig.from_dict(_telemetry)

        terms_of_service_url = d.pop("terms_of_service_url", UNSET)

        _tls = d.pop("tls", UNSET)
        tls: TLSConfig | Unset
        if isinstance(_tls, Unset):
            tls = UNSET
        else:
            tls = TLSConfig.from_dict(_tls)

        _trace = d.pop("trace", UNSET)
        trace: TraceConfig | Unset
        if isinstance(_trace, Unset):
            trace = UNSET
        else:
            trace = TraceConfig.from_dict(_trace)

        update_check = d.pop("update_check", UNSET)

        _user_quiet_hours_schedule = d.pop("user_quiet_hours_schedule", UNSET)
        user_quiet_hours_schedule: UserQuietHoursScheduleConfig | Unset
        if isinstance(_user_quiet_hours_schedule, Unset):
            user_quiet_hours_schedule = UNSET
        else:
            user_quiet_hours_schedule = UserQuietHoursScheduleConfig.from_dict(_user_quiet_hours_schedule)

        verbose = d.pop("verbose", UNSET)

        web_terminal_renderer = d.pop("web_terminal_renderer", UNSET)

        wgtunnel_host = d.pop("wgtunnel_host", UNSET)

        wildcard_access_url = d.pop("wildcard_access_url", UNSET)

        write_config = d.pop("write_config", UNSET)

        deployment_values = cls(
            access_url=access_url,
            additional_csp_policy=additional_csp_policy,
            address=address,
            agent_fallback_troubleshooting_url=agent_fallback_troubleshooting_url,
            agent_stat_refresh_interval=agent_stat_refresh_interval,
            allow_workspace_renames=allow_workspace_renames,
            autobuild_poll_interval=autobuild_poll_interval,
            browser_only=browser_only,
            cache_directory=cache_directory,
            cli_upgrade_message=cli_upgrade_message,
            config=config,
            config_ssh=config_ssh,
            dangerous=dangerous,
            derp=derp,
            disable_owner_workspace_exec=disable_owner_workspace_exec,
            disable_password_auth=disable_password_auth,
            disable_path_apps=disable_path_apps,
            docs_url=docs_url,
            enable_terraform_debug_mode=enable_terraform_debug_mode,
            ephemeral_deployment=ephemeral_deployment,
            experiments=experiments,
            external_auth=external_auth,
            external_token_encryption_keys=external_token_encryption_keys,
            healthcheck=healthcheck,
            http_address=http_address,
            in_memory_database=in_memory_database,
            job_hang_detector_interval=job_hang_detector_interval,
            logging=logging,
            metrics_cache_refresh_interval=metrics_cache_refresh_interval,
            notifications=notifications,
            oauth2=oauth2,
            oidc=oidc,
            pg_auth=pg_auth,
            pg_connection_url=pg_connection_url,
            pprof=pprof,
            prometheus=prometheus,
            provisioner=provisioner,
            proxy_health_status_interval=proxy_health_status_interval,
            proxy_trusted_headers=proxy_trusted_headers,
            proxy_trusted_origins=proxy_trusted_origins,
            rate_limit=rate_limit,
            redirect_to_access_url=redirect_to_access_url,
            scim_api_key=scim_api_key,
            secure_auth_cookie=secure_auth_cookie,
            session_lifetime=session_lifetime,
            ssh_keygen_algorithm=ssh_keygen_algorithm,
            strict_transport_security=strict_transport_security,
            strict_transport_security_options=strict_transport_security_options,
            support=support,
            swagger=swagger,
            telemetry=telemetry,
            terms_of_service_url=terms_of_service_url,
            tls=tls,
            trace=trace,
            update_check=update_check,
            user_quiet_hours_schedule=user_quiet_hours_schedule,
            verbose=verbose,
            web_terminal_renderer=web_terminal_renderer,
            wgtunnel_host=wgtunnel_host,
            wildcard_access_url=wildcard_access_url,
            write_config=write_config,
        )

        deployment_values.additional_properties = d
        return deployment_values

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
