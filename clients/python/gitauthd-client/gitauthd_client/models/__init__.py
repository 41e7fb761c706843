"""Contains all the data models used in inputs/outputs"""

from .api_key import APIKey
from .api_key_scope import APIKeyScope
from .audit_fields import AuditFields
from .audit_fields_result import AuditFieldsResult
from .audit_log import AuditLog
from .audit_log_diff import AuditLogDiff
from .audit_log_response import AuditLogResponse
from .auth_method import AuthMethod
from .auth_methods import AuthMethods
from .authorization import Authorization
from .authorization_redirect import AuthorizationRedirect
from .authorization_status import AuthorizationStatus
from .authorization_token_type import AuthorizationTokenType
from .build_info_response import BuildInfoResponse
from .coder_response import CoderResponse
from .create_authorization_response import CreateAuthorizationResponse
from .create_first_user_request import CreateFirstUserRequest
from .create_first_user_request_trial_info import CreateFirstUserRequestTrialInfo
from .create_first_user_response import CreateFirstUserResponse
from .create_o_auth_authorization_request import CreateOAuthAuthorizationRequest
from .create_password_authorization_request import CreatePasswordAuthorizationRequest
from .create_personal_authorization_request import CreatePersonalAuthorizationRequest
from .create_project_request import CreateProjectRequest
from .create_token_request import CreateTokenRequest
from .create_token_request_scope import CreateTokenRequestScope
from .create_user_request import CreateUserRequest
from .create_user_request_login_type import CreateUserRequestLoginType
from .create_user_request_user_status import CreateUserRequestUserStatus
from .csp_violation import CSPViolation
from .csp_violation_csp_report import CSPViolationCspReport
from .dangerous_config import DangerousConfig
from .delete_external_auth_by_id_response import DeleteExternalAuthByIDResponse
from .deployment_config import DeploymentConfig
from .deployment_stats import DeploymentStats
from .deployment_values import DeploymentValues
from .derp import DERP
from .derp_config import DERPConfig
from .derp_server_config import DERPServerConfig
from .external_auth import ExternalAuth
from .external_auth_app_installation import ExternalAuthAppInstallation
from .external_auth_config import ExternalAuthConfig
from .external_auth_device import ExternalAuthDevice
from .external_auth_device_exchange import ExternalAuthDeviceExchange
from .external_auth_link import ExternalAuthLink
from .external_auth_link_provider import ExternalAuthLinkProvider
from .external_auth_user_type_0 import ExternalAuthUserType0
from .generate_api_key_response import GenerateAPIKeyResponse
from .get_users_response import GetUsersResponse
from .git_auth import GitAuth
from .git_auth_device import GitAuthDevice
from .git_credentials_response import GitCredentialsResponse
from .git_credentials_response_token_extra import GitCredentialsResponseTokenExtra
from .github_auth_method import GithubAuthMethod
from .healthcheck_config import HealthcheckConfig
from .link_config import LinkConfig
from .list_authorizations_response import ListAuthorizationsResponse
from .list_user_external_auth_response import ListUserExternalAuthResponse
from .logging_config import LoggingConfig
from .login_type import LoginType
from .login_with_password_request import LoginWithPasswordRequest
from .login_with_password_response import LoginWithPasswordResponse
from .notifications_config import NotificationsConfig
from .notifications_email_auth_config import NotificationsEmailAuthConfig
from .notifications_email_config import NotificationsEmailConfig
from .notifications_email_tls_config import NotificationsEmailTLSConfig
from .notifications_webhook_config import NotificationsWebhookConfig
from .o_auth_2_config import OAuth2Config
from .o_auth_2_github_config import OAuth2GithubConfig
from .oidc_auth_method import OIDCAuthMethod
from .oidc_config import OIDCConfig
from .oidc_config_auth_url_params import OIDCConfigAuthUrlParams
from .oidc_config_group_mapping import OIDCConfigGroupMapping
from .oidc_config_group_regex_filter import OIDCConfigGroupRegexFilter
from .oidc_config_organization_mapping import OIDCConfigOrganizationMapping
from .oidc_config_user_role_mapping import OIDCConfigUserRoleMapping
from .pprof_config import PprofConfig
from .project import Project
from .project_member import ProjectMember
from .prometheus_config import PrometheusConfig
from .provisioner_config import ProvisionerConfig
from .rate_limit_config import RateLimitConfig
from .readiness import Readiness
from .readiness_checks import ReadinessChecks
from .readiness_status import ReadinessStatus
from .serpent_group import SerpentGroup
from .serpent_host_port import SerpentHostPort
from .serpent_option import SerpentOption
from .serpent_option_annotations import SerpentOptionAnnotations
from .serpent_option_value_source import SerpentOptionValueSource
from .serpent_option_value_type_4 import SerpentOptionValueType4
from .serpent_struct_external_auth_configs import SerpentStructExternalAuthConfigs
from .serpent_struct_link_configs import SerpentStructLinkConfigs
from .serpent_url import SerpentURL
from .serpent_url_user_type_0 import SerpentURLUserType0
from .service_stage_error import ServiceStageError
from .session_count_deployment_stats import SessionCountDeploymentStats
from .session_lifetime import SessionLifetime
from .slim_role import SlimRole
from .ssh_config import SSHConfig
from .ssh_config_response import SSHConfigResponse
from .ssh_config_response_ssh_config_options import SSHConfigResponseSshConfigOptions
from .support_config import SupportConfig
from .swagger_config import SwaggerConfig
from .telemetry_config import TelemetryConfig
from .tls_config import TLSConfig
from .token_config import TokenConfig
from .trace_config import TraceConfig
from .update_check_response import UpdateCheckResponse
from .update_project_request import UpdateProjectRequest
from .update_roles import UpdateRoles
from .update_user_password_request import UpdateUserPasswordRequest
from .user import User
from .user_quiet_hours_schedule_config import UserQuietHoursScheduleConfig
from .user_status import UserStatus
from .validation_error import ValidationError
from .workspace_connection_latency_ms import WorkspaceConnectionLatencyMS
from .workspace_deployment_stats import WorkspaceDeploymentStats

__all__ = (
    "APIKey",
    "APIKeyScope",
    "AuditFields",
    "AuditFieldsResult",
    "AuditLog",
    "AuditLogDiff",
    "AuditLogResponse",
    "AuthMethod",
    "AuthMethods",
    "Authorization",
    "AuthorizationRedirect",
    "AuthorizationStatus",
    "AuthorizationTokenType",
    "BuildInfoResponse",
    "CoderResponse",
    "CreateAuthorizationResponse",
    "CreateFirstUserRequest",
    "CreateFirstUserRequestTrialInfo",
    "CreateFirstUserResponse",
    "CreateOAuthAuthorizationRequest",
    "CreatePasswordAuthorizationRequest",
    "CreatePersonalAuthorizationRequest",
    "CreateProjectRequest",
    "CreateTokenRequest",
    "CreateTokenRequestScope",
    "CreateUserRequest",
    "CreateUserRequestLoginType",
    "CreateUserRequestUserStatus",
    "CSPViolation",
    "CSPViolationCspReport",
    "DangerousConfig",
    "DeleteExternalAuthByIDResponse",
    "DeploymentConfig",
    "DeploymentStats",
    "DeploymentValues",
    "DERP",
    "DERPConfig",
    "DERPServerConfig",
    "ExternalAuth",
    "ExternalAuthAppInstallation",
    "ExternalAuthConfig",
    "ExternalAuthDevice",
    "ExternalAuthDeviceExchange",
    "ExternalAuthLink",
    "ExternalAuthLinkProvider",
    "ExternalAuthUserType0",
    "GenerateAPIKeyResponse",
    "GetUsersResponse",
    "GitAuth",
    "GitAuthDevice",
    "GitCredentialsResponse",
    "GitCredentialsResponseTokenExtra",
    "GithubAuthMethod",
    "HealthcheckConfig",
    "LinkConfig",
    "ListAuthorizationsResponse",
    "ListUserExternalAuthResponse",
    "LoggingConfig",
    "LoginType",
    "LoginWithPasswordRequest",
    "LoginWithPasswordResponse",
    "NotificationsConfig",
    "NotificationsEmailAuthConfig",
    "NotificationsEmailConfig",
    "NotificationsEmailTLSConfig",
    "NotificationsWebhookConfig",
    "OAuth2Config",
    "OAuth2GithubConfig",
    "OIDCAuthMethod",
    "OIDCConfig",
    "OIDCConfigAuthUrlParams",
    "OIDCConfigGroupMapping",
    "OIDCConfigGroupRegexFilter",
    "OIDCConfigOrganizationMapping",
    "OIDCConfigUserRoleMapping",
    "PprofConfig",
    "Project",
    "ProjectMember",
    "PrometheusConfig",
    "ProvisionerConfig",
    "RateLimitConfig",
    "Readiness",
    "ReadinessChecks",
    "ReadinessStatus",
    "SerpentGroup",
    "SerpentHostPort",
    "SerpentOption",
    "SerpentOptionAnnotations",
    "SerpentOptionValueSource",
    "SerpentOptionValueType4",
    "SerpentStructExternalAuthConfigs",
    "SerpentStructLinkConfigs",
    "SerpentURL",
    "SerpentURLUserType0",
    "ServiceStageError",
    "SessionCountDeploymentStats",
    "SessionLifetime",
    "SlimRole",
    "SSHConfig",
    "SSHConfigResponse",
    "SSHConfigResponseSshConfigOptions",
    "SupportConfig",
    "SwaggerConfig",
    "TelemetryConfig",
    "TLSConfig",
    "TokenConfig",
    "TraceConfig",
    "UpdateCheckResponse",
    "UpdateProjectRequest",
    "UpdateRoles",
    "UpdateUserPasswordRequest",
    "User",
    "UserQuietHoursScheduleConfig",
    "UserStatus",
    "ValidationError",
    "WorkspaceConnectionLatencyMS",
    "WorkspaceDeploymentStats",
)
