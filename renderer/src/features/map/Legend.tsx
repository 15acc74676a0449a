import { CheckpointStatus, ControlLevel } from '../../../../shared/domain/enums';
import { CONTROL_COLORS, FEVER_COLOR, STATUS_COLORS, UNDERSTAFFED } from './styles';

export function Legend() {
  return (
    <div className="map-legend leaflet-bottom leaflet-left" data-testid="map-legend">
      <div className="leaflet-control">
        <strong>小区管控等级</strong>
        {Object.entries(ControlLevel.labels).map(([k, label]) => (
          <div key={k}>
            <i style={{ background: CONTROL_COLORS[k] }} /> {label}
          </div>
        ))}
        <strong>卡点状态</strong>
        {Object.entries(CheckpointStatus.labels).map(([k, label]) => (
          <div key={k}>
            <i className="dot" style={{ background: STATUS_COLORS[k] }} /> {label}
          </div>
        ))}
        <div>
          <i className="dot" style={{ background: STATUS_COLORS.active, boxShadow: `0 0 0 2px ${UNDERSTAFFED}` }} /> 当前班次缺人
        </div>
        <div>
          <i className="dot" style={{ background: FEVER_COLOR, width: 14, height: 14 }} /> 体温预警待处理
        </div>
        <strong>督查</strong>
        <div>
          <i className="legend-problem" /> 未销号问题（数字为条数）
        </div>
        <div>
          <i className="legend-problem overdue" /> 有逾期问题
        </div>
        <div>
          <i className="legend-premises" /> 经营场所
        </div>
      </div>
    </div>
  );
}
